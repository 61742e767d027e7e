import Crypto
import Foundation
import VerdictCore

/// RFC 5545: one all-day VEVENT per step. A step keeps its UID across stores of the same
/// owner (owner, rule and the action's words without its digits), so a calendar that
/// subscribes updates the event when a due date moves rather than adding a second one.
enum ICalendar {
    static func feed(_ deadlines: [Deadline], name: String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Verdict//verdict-server//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:\(text(name))", "X-WR-TIMEZONE:Asia/Shanghai"]
        var seen: [String: Int] = [:]
        for d in deadlines {
            var key = "\(d.owner)\u{1F}\(d.rule)\u{1F}\(d.action.filter { !$0.isASCII || !$0.isNumber })"
            let n = seen[key, default: 0]
            seen[key] = n + 1
            if n > 0 { key += "\u{1F}\(n)" }
            let uid = SHA256.hash(data: Data(key.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
            let next = CivilDate(daysSinceEpoch: d.due.daysSinceEpoch + 1) ?? d.due
            lines += [
                "BEGIN:VEVENT",
                "UID:\(uid)@verdict",
                "DTSTAMP:\(stamp(d.storedAt))",
                "DTSTART;VALUE=DATE:\(date(d.due))",
                "DTEND;VALUE=DATE:\(date(next))",
                "SUMMARY:\(text("\(d.owner): \(d.action)"))",
                "DESCRIPTION:\(text("\(d.rule) — \(d.action)\nowner \(d.owner), stored dossier \(d.dossier), due \(d.due)"))",
                "CATEGORIES:\(text(d.rule))",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func date(_ d: CivilDate) -> String { d.description.replacingOccurrences(of: "-", with: "") }

    /// The time the step's dossier was stored, UTC (stable while the dossier stays the newest).
    static func stamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: d)
    }

    /// TEXT values escape backslash, semicolon, comma and newline (RFC 5545 3.3.11).
    static func text(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(c)
            }
        }
        return out
    }

    /// Lines longer than 75 octets fold with CRLF and a space, never inside a UTF-8 character.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for scalar in line.unicodeScalars {
            let n = String(scalar).utf8.count
            if count + n > 75 {
                out += "\r\n "
                count = 1
            }
            out.unicodeScalars.append(scalar)
            count += n
        }
        return out
    }
}
