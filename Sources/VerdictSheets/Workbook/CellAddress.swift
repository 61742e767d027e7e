/// A cell's place in a sheet, 1-based, written `C14` (column letters, row number).
public struct CellAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let row: Int
    public let column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Reads `C14`, `$C$14`, `AB3`; nil for anything else.
    public init?(_ text: Substring) {
        var letters = 0, digits = 0, column = 0, row = 0
        for ch in text.utf8 where ch != UInt8(ascii: "$") {
            switch ch {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                letters += 1
                column = column * 26 + Int((ch | 0x20) - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                digits += 1
                row = row * 10 + Int(ch - UInt8(ascii: "0"))
            default: return nil
            }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        self.init(row: row, column: column)
    }

    public static func letters(_ column: Int) -> String {
        var n = column, out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    public var description: String { CellAddress.letters(column) + String(row) }

    public static func < (a: CellAddress, b: CellAddress) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }
}

/// A rectangle of cells, written `A3:A5`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public let first: CellAddress
    public let last: CellAddress

    public init(_ first: CellAddress, _ last: CellAddress) {
        self.first = CellAddress(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellAddress(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    public init?(_ text: Substring) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard let a = parts.first.flatMap({ CellAddress($0) }) else { return nil }
        let b = parts.count == 2 ? CellAddress(parts[1]) : a
        guard let b else { return nil }
        self.init(a, b)
    }

    public func contains(_ a: CellAddress) -> Bool {
        a.row >= first.row && a.row <= last.row && a.column >= first.column && a.column <= last.column
    }

    public var description: String { first == last ? first.description : "\(first):\(last)" }
}
