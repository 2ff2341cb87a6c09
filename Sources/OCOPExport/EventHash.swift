import Crypto
import Foundation
import OCOPFailure

/// Why an event cannot be hashed by this implementation.
public enum EventHashError: Error, Equatable, CustomStringConvertible {
    /// A construct whose canonical form this implementation does not cover; hashing it anyway
    /// would give an ID no other implementation agrees with.
    case unsupported(String)
    case malformed(String)

    public var description: String {
        switch self {
        case let .unsupported(what): return "event hash: not supported: \(what)"
        case let .malformed(what): return "event hash: \(what)"
        }
    }
}

/// The EPCIS 2.0 event hash (GS1 CBV 2.0, "EPCIS event hash ID"): each event is turned into a
/// canonical pre-hash string and named `ni:///sha-256;<hex>?ver=CBV2.0`.
///
/// The pre-hash string is `eventType=<type>`, then the event's fields in the standard's order
/// (eventTime, eventTimeZoneOffset, certificationInfo, parentID, epcList, …, readPoint,
/// bizLocation, sensorElementList), each as `name=value` or a name followed by its children,
/// repeated values sorted; then every other field (extensions, ilmd) sorted, with extension names
/// written `{namespace}localName`. Values are canonicalised: times to UTC with milliseconds,
/// CBV words to their web-vocabulary URIs, numbers to their shortest form, GS1 identifiers to
/// canonical Digital Link URIs (see `IdentifierCanonicalizer`). `recordTime`, `eventID` and
/// `errorDeclaration` are not hashed.
///
/// Results agree with the reference implementation (RalphTro/epcis-event-hash-generator,
/// checked in the tests). Not covered, and refused: `bizTransactionList`, `sourceList`,
/// `destinationList` (their pairs have an order of their own), EPC URI schemes other than
/// SGTIN/SSCC/SGLN/LGTIN, times without a zone.
public enum EPCISEventHash {
    public static func hash(preHash: String) -> String {
        let digest = SHA256.hash(data: Array(preHash.utf8))
        return "ni:///sha-256;" + digest.map { String(format: "%02x", $0) }.joined() + "?ver=CBV2.0"
    }

    /// Pre-hash strings of every event of an EPCIS document, in document order.
    public static func preHashes(document: JSONValue) throws(EventHashError) -> [String] {
        guard let body = document["epcisBody"] else { throw .malformed("the document has no epcisBody") }
        let events: [JSONValue]
        if let list = body["eventList"]?.arrayValue {
            events = list
        } else if let single = body["event"] {
            events = [single]
        } else {
            throw .malformed("epcisBody has no eventList")
        }
        let context = Context(document: document, events: events)
        return try events.map { event throws(EventHashError) in try preHash(event: event, context: context) }
    }

    /// The pre-hash string of one event, read in the context of its document.
    public static func preHash(event: JSONValue, context: Context) throws(EventHashError) -> String {
        for name in ["bizTransactionList", "sourceList", "destinationList"] where event[name] != nil {
            throw .unsupported(name)
        }
        let withVocabulary = context.expandingVocabulary(event)
        var converter = TreeConverter(namespaces: context.namespaces)
        let root = try restructure(converter.node(from: withVocabulary))
        var children = root.children
        var text = "eventType=" + root.name
        text += try ordered(&children, order: propertyOrder)
        let remaining = children.filter { !["recordTime", "eventID", "type", "errorDeclaration"].contains($0.name) }
        if !remaining.isEmpty { text += try unordered(remaining) }
        return text
    }

    // MARK: Document context

    /// What the hash of an event takes from the rest of its document: the namespace prefixes
    /// declared in `@context`, and the CBV / GS1 vocabulary URIs its bare words expand to.
    public struct Context: Sendable {
        /// Prefix → `{namespace}`, from the objects of a `@context` array.
        public let namespaces: [String: String]
        /// Expanded vocabulary URIs occurring in the document.
        public let vocabulary: Set<String>

        public init(document: JSONValue, events: [JSONValue]) {
            var namespaces: [String: String] = [:]
            if case let .array(entries)? = document["@context"] {
                for entry in entries {
                    switch entry {
                    case let .string(url): namespaces[url] = "{" + url + "}"
                    case let .object(members):
                        for (prefix, value) in members {
                            if case let .string(url) = value { namespaces[prefix] = "{" + url + "}" }
                        }
                    default: break
                    }
                }
            }
            self.namespaces = namespaces
            var vocabulary = Set<String>()
            for event in events { Self.collectVocabulary(event, key: nil, parents: [], into: &vocabulary) }
            self.vocabulary = vocabulary
        }

        static let cbv = "https://ref.gs1.org/cbv/"
        static let gs1Voc = "https://gs1.org/voc/"

        /// The vocabulary URI a bare word of this field expands to under GS1's JSON-LD context.
        static func expansion(of word: String, key: String, parents: [String]) -> String? {
            guard !word.contains(":") else { return nil }
            let parent = parents.last
            switch key {
            case "bizStep": return BusinessStepWords.all.contains(word) ? cbv + "BizStep-" + word : nil
            case "disposition": return DispositionWords.all.contains(word) ? cbv + "Disp-" + word : nil
            case "set", "unset":
                guard parent == "persistentDisposition", DispositionWords.all.contains(word) else { return nil }
                return cbv + "Disp-" + word
            case "reason":
                guard parent == "errorDeclaration", ["did_not_occur", "incorrect_data"].contains(word) else { return nil }
                return cbv + "ER-" + word
            case "type", "exception", "component":
                return parent == "sensorReport" ? gs1Voc + word : nil
            default: return nil
            }
        }

        static func collectVocabulary(_ value: JSONValue, key: String?, parents: [String], into set: inout Set<String>) {
            switch value {
            case let .string(text):
                if text.hasPrefix(cbv) || text.hasPrefix(gs1Voc) { set.insert(text) }
                if let key, let expanded = expansion(of: text, key: key, parents: parents) { set.insert(expanded) }
            case let .array(items):
                for item in items { collectVocabulary(item, key: key, parents: parents, into: &set) }
            case let .object(members):
                let inner = key.map { parents + [$0] } ?? parents
                for (name, member) in members { collectVocabulary(member, key: name, parents: inner, into: &set) }
            default: break
            }
        }

        /// Replaces every bare string that names exactly one expanded vocabulary URI of the
        /// document (ending in `-word` or `/word`) by that URI, as JSON-LD expansion would.
        func expandingVocabulary(_ value: JSONValue) -> JSONValue {
            switch value {
            case let .string(text):
                let matches = vocabulary.filter { $0.hasSuffix("-" + text) || $0.hasSuffix("/" + text) }
                return matches.count == 1 ? .string(matches.first!) : value
            case let .array(items): return .array(items.map(expandingVocabulary))
            case let .object(members): return .object(members.map { ($0.0, expandingVocabulary($0.1)) })
            default: return value
            }
        }
    }

    // MARK: Tree

    /// An element of the event as the algorithm sees it: a name, a text value, children.
    final class Node {
        var name: String
        var value: String
        var children: [Node]
        init(_ name: String, _ value: String, _ children: [Node]) {
            self.name = name
            self.value = value
            self.children = children
        }

        /// Orders like a tuple (name, value, children), comparing text by code points.
        static func precedes(_ a: Node, _ b: Node) -> Bool {
            if a.name != b.name { return codePointsPrecede(a.name, b.name) }
            if a.value != b.value { return codePointsPrecede(a.value, b.value) }
            for (x, y) in zip(a.children, b.children) {
                if precedes(x, y) { return true }
                if precedes(y, x) { return false }
            }
            return a.children.count < b.children.count
        }
    }

    static func codePointsPrecede(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }

    /// JSON to nodes: an object's `type` names it, each member becomes a child named by its key
    /// (namespace prefixes expanded), an array member one child per item; children sorted.
    struct TreeConverter {
        let namespaces: [String: String]

        func expanded(_ text: String, isValue: Bool) -> String {
            guard let colon = text.firstIndex(of: ":"), let namespace = namespaces[String(text[..<colon])] else { return text }
            let local = text[text.index(after: colon)...]
            return (isValue ? namespace.replacingAll("{", with: "").replacingAll("}", with: "") : namespace) + local
        }

        mutating func node(from value: JSONValue) throws(EventHashError) -> Node {
            switch value {
            case let .array(items):
                return Node("", "", try items.map { item throws(EventHashError) in try node(from: item) })
            case let .object(members):
                var name = ""
                if let type = members.first(where: { $0.0 == "type" })?.1 { name = Self.scalarText(type) ?? "" }
                var text = ""
                if let hashText = members.first(where: { $0.0 == "#text" })?.1 { text = Self.scalarText(hashText) ?? "" }
                var children: [Node] = []
                for (key, member) in members where !["#text", "rdfs:comment", "comment"].contains(key) {
                    if key.hasPrefix("@xmlns") { throw .unsupported("@xmlns namespace declarations") }
                    let child = try node(from: member)
                    let childName = expanded(key, isValue: false)
                    if case .array = member {
                        for element in child.children { children.append(Node(childName, element.value, element.children)) }
                    } else {
                        children.append(Node(childName, child.value, child.children))
                    }
                }
                let node = Node(name, text, children)
                // Pairs (bizTransaction, source, destination) keep their order.
                if !members.contains(where: { ["bizTransaction", "source", "destination"].contains($0.0) }) {
                    node.children.sort(by: Node.precedes)
                }
                return node
            default:
                return Node("", expanded(Self.scalarText(value) ?? "", isValue: true), [])
            }
        }

        /// A scalar as the reference (Python) prints it.
        static func scalarText(_ value: JSONValue) -> String? {
            switch value {
            case .null: return "None"
            case let .bool(flag): return flag ? "True" : "False"
            case let .int(number): return String(number)
            case let .double(number): return PythonNumber.repr(number)
            case let .string(text): return text
            default: return nil
            }
        }
    }

    /// Aligns the JSON shape with the XML one the algorithm was defined on: `xyzList` members
    /// become an `xyzList` element holding `xyz` elements; quantities become `quantityElement`.
    static func restructure(_ node: Node) throws(EventHashError) -> Node {
        var children = node.children
        var lists: [(String, [Node])] = []
        children.removeAll { child in
            guard child.name.hasSuffix("List") else { return false }
            let element = Node(String(child.name.dropLast(4)), child.value, child.children)
            if let index = lists.firstIndex(where: { $0.0 == child.name }) {
                lists[index].1.append(element)
            } else {
                lists.append((child.name, [element]))
            }
            return true
        }
        for (name, elements) in lists { children.append(Node(name, "", elements)) }
        let childEPCs = children.filter { $0.name == "childEPCs" }
        if !childEPCs.isEmpty {
            children.removeAll { $0.name == "childEPCs" }
            children.append(Node("childEPCs", "", childEPCs.map { Node("epc", $0.value, []) }))
        }
        var corrected: [Node] = []
        for child in children { corrected.append(try restructure(child)) }
        var name = node.name
        if name == "inputEPC" || name == "outputEPC" { name = "epc" }
        if ["inputQuantity", "outputQuantity", "childQuantity"].contains(name) || (name == "quantity" && !corrected.isEmpty) {
            name = "quantityElement"
        }
        return Node(name, node.value, corrected)
    }

    // MARK: Pre-hash text

    indirect enum Order {
        case leaf(String)
        case branch(String, [Order])
        var name: String {
            switch self {
            case let .leaf(name), let .branch(name, _): return name
            }
        }
        var children: [Order]? {
            if case let .branch(_, children) = self { return children }
            return nil
        }
    }

    static let quantityOrder: [Order] = [.branch("quantityElement", [.leaf("epcClass"), .leaf("quantity"), .leaf("uom")])]

    /// The standard's order of event fields.
    static let propertyOrder: [Order] = [
        .leaf("eventTime"), .leaf("eventTimeZoneOffset"), .leaf("certificationInfo"), .leaf("parentID"),
        .branch("epcList", [.leaf("epc")]), .branch("inputEPCList", [.leaf("epc")]), .branch("childEPCs", [.leaf("epc")]),
        .branch("quantityList", quantityOrder), .branch("childQuantityList", quantityOrder),
        .branch("inputQuantityList", quantityOrder), .branch("outputEPCList", [.leaf("epc")]),
        .branch("outputQuantityList", quantityOrder),
        .leaf("action"), .leaf("transformationID"), .leaf("bizStep"), .leaf("disposition"),
        .branch("persistentDisposition", [.leaf("set"), .leaf("unset")]),
        .branch("readPoint", [.leaf("id")]), .branch("bizLocation", [.leaf("id")]),
        .branch("sensorElementList", [.branch("sensorElement", [
            .branch("sensorMetadata", ["time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData",
                                       "dataProcessingMethod", "bizRules"].map(Order.leaf)),
            .branch("sensorReport", ["type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod",
                                     "time", "microorganism", "chemicalSubstance", "value", "component", "stringValue",
                                     "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue",
                                     "sDev", "percRank", "percValue", "uom", "coordinateReferenceSystem"].map(Order.leaf)),
        ])]),
    ]

    /// Children named in `order`, in that order, consumed from `list`; extensions among them
    /// (names `{…/}local`) follow, unordered.
    static func ordered(_ list: inout [Node], order: [Order]) throws(EventHashError) -> String {
        let extensions = takeExtensions(&list)
        var text = ""
        for entry in order {
            var values: [String] = []
            for child in list where child.name == entry.name {
                let part = try element(child, order: entry.children)
                if !part.isEmpty { values.append(part) }
                if child.children.isEmpty { list.removeAll { $0 === child } }
            }
            values.sort(by: codePointsPrecede)
            text += values.joined()
        }
        if !extensions.isEmpty { text += try unordered(extensions) }
        return text
    }

    /// Extension children of a nested element (never of the event itself), taken out of `list`.
    static func takeExtensions(_ list: inout [Node]) -> [Node] {
        guard list.count > 1, !list.contains(where: { $0.name.contains("eventTime") || $0.name.contains("action") }) else { return [] }
        let extensions = list.filter { $0.name.contains("{") && $0.name.contains("/}") }
        list.removeAll { node in extensions.contains { $0 === node } }
        return extensions
    }

    static func element(_ node: Node, order: [Order]?) throws(EventHashError) -> String {
        var nested = ""
        if let order { nested = try ordered(&node.children, order: order) }
        var text = ""
        if !node.value.isEmpty {
            text = node.value.trimmingCharacters(in: .whitespacesAndNewlines)
            let lowered = node.name.lowercased()
            if lowered.contains("time") && !lowered.contains("offset") {
                text = try TimestampCanonicalizer.canonical(text)
            } else {
                text = try canonicalValue(text)
            }
            if !text.isEmpty { text = "=" + text }
        }
        return text.isEmpty && nested.isEmpty ? "" : node.name + text + nested
    }

    /// Everything outside the standard's order: `name=value` followed by its children, sorted.
    static func unordered(_ nodes: [Node]) throws(EventHashError) -> String {
        var values: [String] = []
        for node in nodes {
            var text = node.value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { text = "=" + (try canonicalValue(text)) }
            values.append(node.name + text + (try unordered(node.children)))
        }
        let pairs = nodes.contains { ["bizTransaction", "source", "destination"].contains($0.name) }
        if values.count > 1 && !pairs { values.sort(by: codePointsPrecede) }
        return values.joined()
    }

    /// A value's canonical text: CBV URNs as web URIs, numbers in shortest form, GS1 keys as
    /// canonical Digital Link URIs.
    static func canonicalValue(_ raw: String) throws(EventHashError) -> String {
        var text = raw
        for (urn, web) in [("urn:epcglobal:cbv:bizstep:", "BizStep-"), ("urn:epcglobal:cbv:disp:", "Disp-"),
                           ("urn:epcglobal:cbv:btt:", "BTT-"), ("urn:epcglobal:cbv:sdt:", "SDT-"),
                           ("urn:epcglobal:cbv:er:", "ER-")] {
            text = text.replacingAll(urn, with: Context.cbv + web)
        }
        text = try PythonNumber.canonical(text) ?? text
        return try IdentifierCanonicalizer.canonical(text) ?? text
    }
}

/// Bare CBV words, for telling a vocabulary value from free text.
enum BusinessStepWords {
    static let all: Set<String> = [
        "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning", "creating_class_instance",
        "cycle_counting", "decommissioning", "departing", "destroying", "disassembling", "dispensing", "encoding",
        "entering_exiting", "holding", "inspecting", "installing", "killing", "loading", "other", "packing", "picking",
        "receiving", "removing", "repackaging", "repairing", "replacing", "reserving", "retail_selling", "shipping",
        "staging_outbound", "stock_taking", "stocking", "storing", "transporting", "unloading", "unpacking",
        "void_shipping", "sensor_reporting", "sampling",
    ]
}

enum DispositionWords {
    static let all: Set<String> = [
        "active", "container_closed", "damaged", "destroyed", "dispensed", "disposed", "encoded", "expired", "in_progress",
        "in_transit", "inactive", "no_pedigree_match", "non_sellable_other", "partially_dispensed", "recalled", "reserved",
        "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible", "stolen", "unknown", "available",
        "completeness_verified", "completeness_inferred", "conformant", "container_open", "mismatch_instance",
        "mismatch_class", "mismatch_quantity", "needs_replacement", "non_conformant", "unavailable",
    ]
}

extension EventHashError: ReportableError {
    public var exitCode: Int32 { OCOPExit.data }
}
