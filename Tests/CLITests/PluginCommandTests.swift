import Foundation
import IonJob
import XCTest

/// Every registered analysis has its command, and its help lists every setting as an option.
final class PluginCommandTests: XCTestCase {
    func testEveryPluginHasACommandWithEveryOption() throws {
        let overview = try run(["--help"])
        XCTAssertEqual(overview.status, 0, overview.err)
        for plugin in AnalysisPlugins.all {
            XCTAssertTrue(overview.out.contains("  \(plugin.name) "), "ionscope --help lacks \(plugin.name)")
            let help = try run([plugin.name, "--help"])
            XCTAssertEqual(help.status, 0, "\(plugin.name) --help: \(help.err)")
            let text = help.out.replacingOccurrences(of: "\n", with: " ")
            for setting in plugin.allSettings + AnalysisPlugins.commandOptions {
                XCTAssertTrue(
                    text.contains(setting.option + " ") || text.contains(setting.option + "\n"),
                    "\(plugin.name) --help lacks \(setting.option)")
            }
        }
    }
}
