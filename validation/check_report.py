#!/usr/bin/env python3
"""Render an IonScope report.html in headless Chromium and check it as a person would.

    python3 validation/check_report.py ionscope-demo/report.html [--screenshot docs/report.png]

1. The whole page is rendered to PNG; it must not be blank (enough non-white pixels).
2. Every <svg> plot is rendered on its own; each must show coloured series pixels (the
   palette is coloured, axes and grid are grey), so a plot whose series did not draw fails.
Needs Debian's `chromium`; uses only the Python standard library (PNG decoded by hand).
Not needed by the tests.
"""
import argparse, os, re, shutil, struct, subprocess, sys, tempfile, zlib


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("chromium not found: apt-get install chromium")


def screenshot(html_path, png_path, width, height):
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={width},{height}", f"--screenshot={png_path}", "file://" + os.path.abspath(html_path)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def read_png(path):
    """Returns (width, height, rows of (r, g, b)) for 8-bit RGB/RGBA non-interlaced PNGs."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unsupported PNG layout"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return width, height, rows


def counts(rows):
    """(non-white pixels, coloured pixels) — coloured means clearly not grey."""
    ink = colour = 0
    for row in rows:
        for r, g, b in row:
            if r < 245 or g < 245 or b < 245:
                ink += 1
            if max(r, g, b) - min(r, g, b) > 60:
                colour += 1
    return ink, colour


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report")
    parser.add_argument("--screenshot", help="also keep the top of the page as this PNG")
    args = parser.parse_args()
    html = open(args.report, encoding="utf-8").read()
    plots = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "page.png")
        screenshot(args.report, page, 1400, 2400)
        w, h, rows = read_png(page)
        ink, _ = counts(rows[::4])
        fraction = ink / (w * len(rows[::4]))
        print(f"page: {w}×{h} px, {fraction:.1%} non-white")
        if fraction < 0.03:
            failures.append("the page looks blank")
        if args.screenshot:
            shutil.copy(page, args.screenshot)
        for k, svg in enumerate(plots):
            title = re.search(r'aria-label="([^"]*)"', svg)
            name = title.group(1) if title else f"plot {k + 1}"
            path = os.path.join(tmp, f"plot{k}.html")
            open(path, "w", encoding="utf-8").write(f"<html><body style='margin:0;background:#fff'><div style='width:640px'>{svg}</div></body></html>")
            png = os.path.join(tmp, f"plot{k}.png")
            screenshot(path, png, 640, 400)
            _, _, plot_rows = read_png(png)
            ink, colour = counts(plot_rows)
            ok = colour >= 150 and ink >= 3000
            print(f"{'ok  ' if ok else 'FAIL'} {name}: {colour} coloured px, {ink} drawn px")
            if not ok:
                failures.append(f"'{name}' drew no series")
    print(f"{len(plots)} plots checked")
    if not plots:
        failures.append("the report has no plots")
    if failures:
        sys.exit("report check failed: " + "; ".join(failures))
    print("report check passed")


if __name__ == "__main__":
    main()
