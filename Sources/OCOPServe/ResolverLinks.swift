/// One link of a code's linkset (RFC 9264, GS1 resolver standard): a GS1 link type and its target.
struct ResolverLink: Sendable, Equatable {
    /// The GS1 Web Vocabulary term (`pip`, `certificationInfo`, …).
    let term: String
    let href: String
    let title: String
    let type: String
    let hreflang: [String]?

    var json: [String: Any] {
        var object: [String: Any] = ["href": href, "title": title, "type": type]
        if let hreflang { object["hreflang"] = hreflang }
        return object
    }
}

/// The links of a resolution in one place: the linkset, the `Link` header and `linkType`
/// redirects all read this list, so they cannot disagree.
enum ResolverLinks {
    static let vocabulary = "https://gs1.org/voc/"
    static let languages = ["vi", "en"]

    /// Default first, then the page's descriptive types, then this resolver's resources, then the
    /// producer's own pages (by term, sorted).
    static func of(_ r: Resolution, title: String) -> [ResolverLink] {
        var links = [ResolverLink(term: "defaultLink", href: r.requested, title: title, type: "text/html", hreflang: languages)]
        if let uri = r.productURI {
            links.append(.init(term: "pip", href: uri, title: r.product?.name ?? title, type: "text/html", hreflang: languages))
        }
        if let uri = r.batchURI, r.level == .unit {
            links.append(.init(term: "pip", href: uri, title: "\(r.product?.name ?? "") — \(r.batch?.lot ?? "")", type: "text/html",
                               hreflang: languages))
        }
        if let uri = r.certificateURI {
            links.append(.init(term: "certificationInfo", href: uri, title: "OCOP", type: "text/html", hreflang: languages))
        }
        if let uri = r.traceURI {
            links.append(.init(term: "traceability", href: uri, title: title, type: "text/html", hreflang: languages))
        }
        if let uri = r.recallURI {
            links.append(.init(term: "recallStatus", href: uri, title: "Recall status", type: "application/json", hreflang: nil))
        }
        for (term, url) in r.externalLinks.sorted(by: { $0.key < $1.key }) {
            links.append(.init(term: term, href: url, title: r.product?.name ?? title, type: "text/html", hreflang: nil))
        }
        return links
    }

    /// RFC 9264 `linkset` member: the anchor and one array per link type (full vocabulary URIs).
    static func linkset(_ links: [ResolverLink], anchor: String) -> [String: Any] {
        var set: [String: Any] = ["anchor": anchor]
        for link in links {
            let key = vocabulary + link.term
            set[key] = ((set[key] as? [[String: Any]]) ?? []) + [link.json]
        }
        return set
    }

    /// The `Link` header (RFC 8288): each link with its type; titles are left out, since header
    /// values are ASCII and titles are Vietnamese. Ends with the linkset itself.
    static func header(_ links: [ResolverLink], anchor: String) -> String {
        var items = links.map { link in
            var item = "<\(link.href)>; rel=\"\(vocabulary + link.term)\"; type=\"\(link.type)\""
            if let languages = link.hreflang { item += languages.map { "; hreflang=\"\($0)\"" }.joined() }
            return item
        }
        items.append("<\(anchor)?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\"")
        return items.joined(separator: ", ")
    }

    /// `linkType` as asked: `gs1:pip`, `pip`, or a vocabulary URI; `all` and `linkset` ask for the linkset.
    static func requested(_ value: String) -> LinkTypeRequest {
        if value == "all" || value == "linkset" { return .linkset }
        for prefix in ["gs1:", vocabulary, "https://ref.gs1.org/voc/", "http://gs1.org/voc/"] where value.hasPrefix(prefix) {
            return .term(String(value.dropFirst(prefix.count)))
        }
        return .term(value)
    }

    enum LinkTypeRequest: Equatable {
        case linkset
        case term(String)
    }
}
