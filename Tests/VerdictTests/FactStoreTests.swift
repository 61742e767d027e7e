import Foundation
import Testing
import VerdictCore
@testable import VerdictXML

/// The dossier reader's store (no libxml2 tree): attribute values and paths read as the
/// tree's XPath read them.
@Suite("Fact store")
struct FactStoreTests {
    @Test func pathsOutsideTheSubsetAreRefused() {
        for ok in ["/dossier/community/owner", "ballot", "project/cost", " /dossier/rectification | /dossier/firm/rectification "] {
            #expect(CompiledPaths.validate(ok) == nil, "\(ok)")
        }
        for bad in ["//owner", "/dossier/*", "/dossier/community/owner[1]", "./ballot", "..", "@id", "child::ballot", "/", "count(/dossier)", "x:owner"] {
            let message = CompiledPaths.validate(bad)
            #expect(message?.hasPrefix(FactPathSubset.outside) == true, "\(bad): \(message ?? "accepted")")
        }
        #expect(CompiledPaths.validate("/dossier/[[") == "Invalid expression")
    }

    @Test func valuesWithReferencesAndUnionsInDocumentOrder() throws {
        let path = Repo.path("examples/community/approval-exactly-half.xml")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "name=\"孙某某\"", with: "name=\"A&amp;B &#x4E2D;&#25991; &lt;x&gt;\"")
        let paths = CompiledPaths()
        #expect(paths.compileAll(["/dossier/community/owner", "/dossier/community/owner | /dossier/community"]).isEmpty)
        let loader = try DossierLoader(schemaPath: Repo.path("schema/dossier.xsd"), paths: paths)
        let doc = try loader.load(bytes: Array(text.utf8), path: path)
        guard case .success(let owners) = doc.select(0, from: doc.root), let first = owners.first else {
            Issue.record("no owners")
            return
        }
        #expect(doc.attribute("name", of: first) == "A&B 中文 <x>")
        #expect(doc.line(of: first) == 16)
        guard case .success(let union) = doc.select(1, from: doc.root) else {
            Issue.record("union failed")
            return
        }
        #expect(union.count == owners.count + 1)
        #expect(doc.elementName(of: union[0]) == "community")
        #expect(Array(union.dropFirst()) == owners)
    }
    /// An area is read as a decimal straight from the store's bytes when it is short and
    /// plain; the value and scale are the ones the text gives, and longer or odd text is left
    /// to the text reader (nil here).
    @Test func shortDecimalsReadFromBytesAsFromText() throws {
        let path = Repo.path("examples/community/approval-exactly-half.xml")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let areas = ["86.40", "0.5", "100", "123456789012345.67", "1234567890123456.78", "007.10", "&#56;6.4&#48;"]
        var k = 0
        while let r = text.range(of: #"area="[0-9.]+""#, options: .regularExpression), k < areas.count {
            text.replaceSubrange(r, with: "area=\u{1}\(areas[k])\u{1}")
            k += 1
        }
        text = text.replacingOccurrences(of: "\u{1}", with: "\"")
        #expect(k == areas.count)
        let paths = CompiledPaths()
        #expect(paths.compileAll(["/dossier/community/owner"]).isEmpty)
        let loader = try DossierLoader(schemaPath: Repo.path("schema/dossier.xsd"), paths: paths)
        let doc = try loader.load(bytes: Array(text.utf8), path: path)
        guard case .success(let owners) = doc.select(0, from: doc.root) else {
            Issue.record("no owners")
            return
        }
        let key = doc.attributeKey("area")
        var fast = 0
        for owner in owners.prefix(areas.count) {
            let written = try #require(doc.attribute(key, of: owner))
            let byText = Rational.parseDecimal(Substring(written))
            let byBytes = doc.shortDecimal(key, of: owner)
            if written.utf8.count <= 18 {
                #expect(byBytes?.value == byText?.value && byBytes?.scale == byText?.scale, "\(written)")
                fast += 1
            } else {
                #expect(byBytes == nil, "\(written)")
            }
        }
        #expect(fast == areas.count - 1)
        #expect(doc.shortDecimal(doc.attributeKey("name"), of: owners[0]) == nil)
        #expect(doc.shortDecimal(.nowhere, of: owners[0]) == nil)
    }

    /// The word-at-a-time count that sizes the store before reading equals a byte-by-byte
    /// count: every length up to 40 (the tail after the last whole word), the two bytes
    /// next to each other and at the ends, bytes with the high bit set, a 70,000-byte dossier.
    @Test func wordAtATimeCountEqualsCountingEachByte() throws {
        var seed: UInt64 = 7
        var samples: [[UInt8]] = []
        let alphabet: [UInt8] = [0x3C, 0x3D, 0x3E, 0x00, 0xFF, 0xBC, 0xBD, 0x7F, 0x80, 0x20, 0x3B]
        for length in 0...40 {
            for _ in 0..<20 {
                samples.append((0..<length).map { _ in
                    seed = seed &* 6364136223846793005 &+ 1442695040888963407
                    return alphabet[Int(seed >> 60) % alphabet.count]
                })
            }
        }
        samples.append(Array(repeating: 0x3C, count: 33))
        samples.append(Array(repeating: 0x3D, count: 64))
        let dossier = try String(contentsOfFile: Repo.root.appendingPathComponent("examples/community/committee-size-5.xml").path, encoding: .utf8)
        samples.append(Array(String(repeating: dossier, count: 20).utf8))
        for bytes in samples {
            let (tags, equals) = bytes.withUnsafeBufferPointer { FactStore.count(0x3C, 0x3D, in: $0) }
            #expect(tags == bytes.filter { $0 == 0x3C }.count, "\(bytes)")
            #expect(equals == bytes.filter { $0 == 0x3D }.count, "\(bytes)")
        }
    }
}
