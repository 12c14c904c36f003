/// A selection that cannot be parsed, or that asks for something the topology does not have.
///
/// Its ``description`` names the problem and shows the selection with a caret under the place:
/// ```
/// selection error at character 27: expected a number after 'charge >', found 'x'
///   resname TFSI and charge > x
///                             ^
/// ```
public struct SelectionError: IonScopeError, Equatable {
    /// The selection as the user wrote it.
    public var text: String
    /// Where the problem is: the number of characters before it (0 is the first character;
    /// `text.count` is the end of the text). The description counts from 1.
    public var offset: Int
    /// What is wrong, and where possible what to write instead.
    public var message: String

    public init(text: String, offset: Int, _ message: String) {
        self.text = text
        self.offset = offset
        self.message = message
    }

    public var category: ErrorCategory { .usage }

    public var description: String {
        // Line breaks and tabs would break the alignment of the caret: show them as spaces.
        let shown = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let caretColumn = String(repeating: " ", count: max(0, min(offset, text.count)))
        return "selection error at character \(offset + 1): \(message)\n  \(shown)\n  \(caretColumn)^"
    }
}
