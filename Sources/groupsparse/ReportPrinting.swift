import Foundation

/// Prints a report the way `evaluate` does: as indented JSON with sorted keys when `json` is set,
/// otherwise as its plain-text table.
func printReport(_ report: some Encodable, json: Bool, table: @autoclosure () -> String) throws {
    guard json else { return print(table()) }
    print(try JSONOutput.text(report))
}
