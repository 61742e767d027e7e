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
}
