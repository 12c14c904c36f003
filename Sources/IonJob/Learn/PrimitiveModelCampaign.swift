import Foundation
import IonCore

/// The simulation campaign of Jones, Fong, Persson & Lee 2022 as LAMMPS inputs
/// (doi:10.48550/arXiv.2208.03182, Methods): the primitive-model electrolyte over a grid of ion
/// counts and Bjerrum lengths, one folder per system, the manifest `ionscope learn conductivity
/// train` reads, and a shell script that runs them. Scaled to one workstation: 1000 beads
/// instead of 40,000, 200 τ of production instead of 5·10⁴ τ, one run per system instead of six.
public struct PrimitiveModelCampaign: Sendable {
    public var beads: Int
    /// Cation–anion pairs of each system (the salt concentration is pairs/V, V = beads/0.8).
    public var pairs: [Int]
    public var bjerrumLengths: [Double]
    public var equilibrationSteps: Int
    public var productionSteps: Int
    /// Steps between the dumped frames.
    public var every: Int
    /// Frames between the environments taken for learning.
    public var snapshotEvery: Int

    public init(
        beads: Int = 1000, pairs: [Int] = [20, 40, 60, 80, 100], bjerrumLengths: [Double] = [2.5, 5, 7.5],
        equilibrationSteps: Int = 10000, productionSteps: Int = 40000, every: Int = 50, snapshotEvery: Int = 120
    ) {
        self.beads = beads; self.pairs = pairs; self.bjerrumLengths = bjerrumLengths
        self.equilibrationSteps = equilibrationSteps; self.productionSteps = productionSteps
        self.every = every; self.snapshotEvery = snapshotEvery
    }

    /// One system of the grid.
    public struct System: Sendable {
        public var name: String
        public var pairs: Int
        public var bjerrumLength: Double
        public var seed: Int
        public var concentration: Double
    }

    /// The systems, pairs outer and Bjerrum lengths inner; seeds 1000, 2000, … in that order.
    /// - Throws: ``InputError`` for a grid that does not fit the box.
    public func systems() throws -> [System] {
        guard beads >= 100, pairs.allSatisfy({ $0 >= 1 && 2 * $0 < beads }), !pairs.isEmpty,
            bjerrumLengths.allSatisfy({ $0 > 0 }), !bjerrumLengths.isEmpty
        else { throw InputError("the campaign needs ≥ 100 beads, 1 ≤ pairs < beads/2 and positive Bjerrum lengths") }
        guard pow(Double(beads) / 0.8, 1.0 / 3) > 2 * 5.0 else {
            throw InputError("\(beads) beads make a cell narrower than twice the SOAP cutoff of 5 σ; use at least 1000")
        }
        var out: [System] = []
        for p in pairs {
            for lb in bjerrumLengths {
                out.append(
                    System(
                        name: "p\(p)-lb\(Self.number(lb))", pairs: p, bjerrumLength: lb, seed: 1000 * (out.count + 1),
                        concentration: Double(p) * 0.8 / Double(beads)))
            }
        }
        return out
    }

    static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    /// The LAMMPS command line of one system, run inside its folder.
    public func arguments(_ s: System) -> [String] {
        [
            "-in", "../in.system", "-log", "log.lammps", "-var", "beads", "\(beads)", "-var", "npairs", "\(s.pairs)",
            "-var", "lb", Self.number(s.bjerrumLength), "-var", "seed", "\(s.seed)", "-var", "equilibrate",
            "\(equilibrationSteps)", "-var", "steps", "\(productionSteps)", "-var", "every", "\(every)",
        ]
    }

    /// The manifest for `ionscope learn conductivity train`.
    public func manifest() throws -> String {
        var text = """
            # The primitive-model campaign of Jones et al. 2022 (doi:10.48550/arXiv.2208.03182), \
            written by ionscope campaign: \(beads) beads per system, \
            \(productionSteps) production steps of 0.005 τ, frames every \(every) steps.
            [dataset]
            units = "lj"
            temperature = 1
            timestep = 0.005
            cation = "type 1"
            anion = "type 2"
            snapshot_every = \(snapshotEvery)
            rcut = 5
            nmax = 6
            lmax = 5
            sigma = 1
            blocks = 5

            """
        for s in try systems() {
            text += """

                [[system]]
                name = "\(s.name)"   # c = \(Self.number((s.concentration * 1e5).rounded() / 1e5)) σ⁻³, l_B = \(Self.number(s.bjerrumLength)) σ
                trajectories = ["\(s.name)/ions.lammpstrj.gz"]

                """
        }
        return text
    }

    /// A POSIX shell script that runs every system not yet run, `parallel` at a time.
    public func script(lammps: String = "lmp", parallel: Int = 1) throws -> String {
        var text = """
            #!/bin/sh
            # Runs the primitive-model campaign of Jones et al. 2022 (doi:10.48550/arXiv.2208.03182)
            # with LAMMPS (\(lammps)), \(parallel) system(s) at a time;
            # a system whose run is complete (its log has "Total wall time") is skipped. Dumps end up gzipped.
            set -e
            cd "$(dirname "$0")"
            run() {
                name="$1"; shift
                if [ -f "$name/log.lammps" ] && grep -q "Total wall time" "$name/log.lammps"; then return 0; fi
                mkdir -p "$name" && (cd "$name" && \(lammps) "$@" > /dev/null && gzip -f ions.lammpstrj)
            }

            """
        for (k, s) in try systems().enumerated() {
            text += "run \(s.name) " + arguments(s).map { "'\($0)'" }.joined(separator: " ") + " &\n"
            if (k + 1) % max(1, parallel) == 0 { text += "wait\n" }
        }
        return text + "wait\n"
    }

    /// The LAMMPS input every system runs, with `-var` values for its size, charge and seed.
    public static let input = """
        # Primitive-model electrolyte of Jones, Fong, Persson & Lee (2022): N beads of diameter sigma = 1
        # and unit mass at number density 0.8, of which npairs cations (type 1, q = +1) and npairs anions
        # (type 2, q = -1), the rest solvent (type 3); WCA repulsion between all beads (LJ cut at
        # 2^(1/6) sigma, shifted); Coulomb between ions with Bjerrum length lb (dielectric 1/lb, k_B T = 1),
        # PPPM. Langevin equilibration, then Nose-Hoover NVT at T = 1 (total momentum zero).
        # Writes ions.lammpstrj: the ions only, every `every` steps, unwrapped through image flags.
        # Variables: -var beads N -var npairs P -var lb L -var seed S -var equilibrate STEPS -var steps STEPS -var every E
        units           lj
        atom_style      charge
        boundary        p p p
        variable        side equal (${beads}/0.8)^(1.0/3.0)
        region          box block 0 ${side} 0 ${side} 0 ${side}
        create_box      3 box
        variable        nsolvent equal ${beads}-2*${npairs}
        variable        s1 equal ${seed}+1
        variable        s2 equal ${seed}+2
        variable        s3 equal ${seed}+3
        variable        s4 equal ${seed}+4
        variable        s5 equal ${seed}+5
        create_atoms    1 random ${npairs} ${s1} box
        create_atoms    2 random ${npairs} ${s2} box
        create_atoms    3 random ${nsolvent} ${s3} box
        mass            * 1.0
        set             type 1 charge 1.0
        set             type 2 charge -1.0
        set             type 3 charge 0.0
        group           ions type 1 2

        pair_style      soft 1.0
        pair_coeff      * * 0.0
        variable        prefactor equal ramp(0,60)
        fix             push all adapt 1 pair soft a * * v_prefactor
        fix             move all nve/limit 0.05
        run             2000
        unfix           push
        unfix           move

        pair_style      lj/cut/coul/long 1.122462048309373 4.0
        pair_coeff      * * 1.0 1.0
        pair_modify     shift yes
        variable        diel equal 1.0/${lb}
        dielectric      ${diel}
        kspace_style    pppm 1.0e-4
        neighbor        0.3 bin
        neigh_modify    every 1 delay 0 check yes
        timestep        0.005
        minimize        1.0e-4 1.0e-6 1000 10000
        reset_timestep  0

        velocity        all create 1.0 ${s4} mom yes rot no dist gaussian
        fix             thermostat all langevin 1.0 1.0 0.5 ${s5} zero yes
        fix             integrate all nve
        thermo          5000
        run             ${equilibrate}
        unfix           thermostat
        unfix           integrate
        velocity        all zero linear
        fix             nvt all nvt temp 1.0 1.0 0.5
        run             2000
        reset_timestep  0
        dump            traj ions custom ${every} ions.lammpstrj id type q x y z ix iy iz
        dump_modify     traj sort id units yes format line "%d %d %.0f %.4f %.4f %.4f %d %d %d"
        run             ${steps}

        """
}
