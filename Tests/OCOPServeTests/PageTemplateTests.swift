import Foundation
import Mustache
@testable import OCOPServe
import Testing
import TestSupport

/// The resolver's page renderer against swift-mustache, the Mustache implementation it replaced:
/// the same text for the shipped templates over many generated pages, and for the specification's
/// corner cases the templates may meet when someone edits them.
@Suite struct PageTemplateTests {
    @Test func rendersTheShippedTemplatesAsSwiftMustacheDoes() throws {
        let folder = ProjectPaths.root.appendingPathComponent("Templates/web").path
        let css = try String(contentsOfFile: folder + "/style.css", encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(files.count >= 8)
        for language in Language.allCases {
            var ours: [String: PageTemplate] = [:]
            var reference = MustacheLibrary()
            var names = TagNames()
            for file in files {
                let baked = WebTemplates.bake(try String(contentsOfFile: folder + "/" + file, encoding: .utf8), language, css: css)
                let name = String(file.dropLast(".mustache".count))
                ours[name] = try PageTemplate(parsing: baked)
                try reference.register(baked, named: name)
                names.collect(from: baked)
            }
            var generator = SeededGenerator(seed: 20261206)
            for round in 0..<60 {
                let context = names.context(depth: 0, using: &generator)
                for name in ours.keys.sorted() {
                    let expected = reference.render(context, withTemplate: name) ?? "(no template)"
                    let actual = PageValue(context).map { ours[name]!.render($0, partials: ours) } ?? ""
                    #expect(actual == expected, "\(language) \(name) round \(round)")
                    if actual != expected { return }
                }
            }
        }
    }

    @Test(arguments: [
        "a{{x}}b\n{{#s}}\n  {{x}}\n{{/s}}\nend",
        "{{#list}}\n- {{name}}{{^last}},{{/last}}\n{{/list}}",
        "  {{! a comment alone }}\nafter\n  {{#s}}  \n\tin\n  {{/s}}  \n",
        "x {{#s}} inline {{/s}} y\n{{^missing}}none{{/missing}}",
        "{{a.b.c}} {{#obj}}{{inner}}{{/obj}} {{{raw}}} {{& raw}} {{#x}}{{.}}{{/x}}",
        "line1\r\n{{#s}}\r\nwindows\r\n{{/s}}\r\n",
        "head\n  {{> part}}\nfoot",
        "{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}{{#empty}}never{{/empty}}{{^empty}}empty{{/empty}}",
        "{{#s}}{{#obj}}{{x}}{{/obj}}{{/s}}",
    ])
    func rendersTheSpecificationCasesAsSwiftMustacheDoes(template: String) throws {
        let context: [String: Any] = [
            "x": "<b>\"Dừa\" & 'kẹo'</b>", "s": true, "flag": false, "empty": [Any](), "raw": "<i>ư</i>",
            "list": [["name": "một", "last": false], ["name": "hai", "last": true]],
            "a": ["b": ["c": "dotted"]], "obj": ["inner": "inside", "x": "shadow"],
        ]
        let partial = "p1\n{{x}}\n"
        var reference = MustacheLibrary()
        try reference.register(template, named: "main")
        try reference.register(partial, named: "part")
        let ours = ["main": try PageTemplate(parsing: template), "part": try PageTemplate(parsing: partial)]
        let expected = reference.render(context, withTemplate: "main")
        #expect(ours["main"]!.render(PageValue(context)!, partials: ours) == expected)
    }

    @Test func namesTheLineOfABrokenTemplate() {
        #expect(throws: PageTemplateError.self) { try PageTemplate(parsing: "a\n{{#open}}\nb") }
        do {
            _ = try PageTemplate(parsing: "a\nb\n{{#s}}x{{/t}}")
            Issue.record("a mismatched close was accepted")
        } catch {
            #expect(error.description.contains("line 3"))
            #expect(error.description.contains("{{/t}}"))
        }
        #expect(throws: PageTemplateError.self) { try PageTemplate(parsing: "{{=<% %>=}}") }
        #expect(throws: PageTemplateError.self) { try PageTemplate(parsing: "{{unclosed") }
        #expect(throws: PageTemplateError.self) { try PageTemplate(parsing: "{{bad name}}") }
    }
}

/// The names a template uses, split by how it uses them, to generate contexts for it.
private struct TagNames {
    var variables: Set<String> = []
    var sections: Set<String> = []

    mutating func collect(from text: String) {
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            var tag = rest[open.upperBound..<close.lowerBound]
            rest = rest[close.upperBound...]
            guard let first = tag.first else { continue }
            switch first {
            case "#", "^": sections.insert(String(tag.dropFirst()).trimmingCharacters(in: .whitespaces))
            case "/", ">", "!": continue
            case "{", "&":
                tag = tag.drop { $0 == "{" || $0 == "&" }
                variables.insert(tag.trimmingCharacters(in: .whitespaces))
            default: variables.insert(tag.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    func context(depth: Int, using generator: inout SeededGenerator) -> [String: Any] {
        var context: [String: Any] = [:]
        for name in variables.union(sections).sorted() where Int.random(in: 0..<4, using: &generator) != 0 {
            if variables.contains(name) {
                context[name] = Int.random(in: 0..<5, using: &generator) == 0
                    ? Bool.random(using: &generator)
                    : ["Kẹo dừa <Bến Tre>", "\"4★\" & 'ư'", "", "x", "Hàng giả"].randomElement(using: &generator)!
            } else {
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: context[name] = Bool.random(using: &generator)
                case 1 where depth < 2:
                    context[name] = (0..<Int.random(in: 0..<3, using: &generator)).map { _ in self.context(depth: depth + 1, using: &generator) }
                case 2 where depth < 2: context[name] = self.context(depth: depth + 1, using: &generator)
                case 3: context[name] = [Any]()
                default: context[name] = "section text"
                }
            }
        }
        return context
    }
}
