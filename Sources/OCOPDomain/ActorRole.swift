import Foundation

/// The parties of the value chain that write to a store, and what each may record.
///
/// The store's creator (its first `province` actor, holder of the key shops trust) may write
/// everything; every other actor only what its role allows (`ActorAuthority`).
public enum ActorRole: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case province
    case producer
    case distributor
    case shop
    case inspector

    public init(parsing text: String) throws(DomainError) {
        guard let role = ActorRole(rawValue: text.lowercased().trimmingCharacters(in: .whitespaces)) else {
            throw DomainError(field: "role", rule: "'\(text)' is no role; use one of \(ActorRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = role
    }

    public var description: String { rawValue }

    /// The steps this role records on any product (a producer records every step of its own).
    public var steps: Set<BusinessStep> {
        switch self {
        case .province, .producer: return []
        case .distributor: return [.packing, .shipping, .departing, .arriving, .receiving, .storing]
        case .shop: return [.receiving, .stocking, .retailSelling]
        case .inspector: return [.inspecting, .sampling, .holding]
        }
    }

    /// What the role may record, in words for `--help` and refusals.
    public var summary: String {
        switch self {
        case .province: return "producers, products, ratings and withdrawals, actors, recalls of any product"
        case .producer: return "batches, labels, stamps, events and recalls of its own producer's products"
        case .distributor: return "packing, shipping, departing, arriving, receiving, storing"
        case .shop: return "receiving, stocking, retail_selling, returns (disposition returned)"
        case .inspector: return "inspecting, sampling, holding, recalls"
        }
    }
}

/// One actor as the log registers it.
public struct ActorRecord: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let role: ActorRole
    /// The producer a `producer` actor acts for.
    public let producerID: String?
    public let location: String?

    public init(id: String, name: String, role: ActorRole, producerID: String?, location: String?) throws(DomainError) {
        self.id = try DomainText.identifier(id, field: "actor id")
        self.name = try DomainText.validated(name, field: "name", maxLength: 200)
        self.role = role
        if role == .producer {
            guard let producerID else { throw DomainError(field: "producer", rule: "a producer actor needs --producer PRODUCER_ID") }
            self.producerID = producerID
        } else {
            guard producerID == nil else { throw DomainError(field: "producer", rule: "only a producer actor is bound to a producer") }
            self.producerID = nil
        }
        self.location = try location.map { text throws(DomainError) in try DomainText.validated(text, field: "location", maxLength: 200) }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, role, location
        case producerID = "producer"
    }
}

/// What may be written, by whom: a pure rule over the entry's subject. nil means allowed;
/// otherwise the rule that refuses it.
public enum ActorAuthority {
    /// What a log entry is about, as far as authority goes.
    public enum Subject: Sendable {
        /// Registry, ratings, actors: the province's.
        case registry
        /// Batches, units, stamps of a product made by `producer`.
        case production(producerID: String?)
        /// A chain event on a product made by `producer`.
        case event(step: BusinessStep, disposition: Disposition?, liftsRecall: Bool, producerID: String?)
        /// Store creation, key rotation, scans: the creator's (the resolver signs scans with its key).
        case creatorOnly
        /// A device token for the write API: the province's, or the actor's own.
        case deviceToken(ownToken: Bool)
    }

    public static func refusal(role: ActorRole, producerID: String?, isCreator: Bool, subject: Subject) -> String? {
        if isCreator { return nil }
        switch subject {
        case .creatorOnly:
            return "only the store's creator (the holder of the store key) may write this"
        case .registry:
            return role == .province ? nil : "only a province actor may register producers, products, ratings and actors"
        case let .deviceToken(own):
            return own || role == .province ? nil : "an actor issues and revokes device tokens for itself only (a province actor for anyone)"
        case let .production(owner):
            if role == .producer, let producerID, producerID == owner { return nil }
            if role == .producer { return "a producer actor may only write for its own producer (\(producerID ?? "none")), not \(owner ?? "an unknown producer")" }
            return "only the product's producer may issue batches and render stamps"
        case let .event(step, disposition, lifts, owner):
            let isRecall = disposition == .recalled || lifts
            switch role {
            case .producer:
                if let producerID, producerID == owner { return nil }
                return "a producer actor may only record events of its own producer's (\(producerID ?? "none")) products"
            case .province:
                return isRecall ? nil : "a province actor records recalls only, not \(step.rawValue)"
            case .inspector:
                return isRecall || role.steps.contains(step) ? nil : "an inspector records \(role.summary), not \(step.rawValue)"
            case .shop:
                return role.steps.contains(step) || disposition == .returned ? nil : "a shop records \(role.summary), not \(step.rawValue)"
            case .distributor:
                return role.steps.contains(step) && !isRecall ? nil : "a distributor records \(role.summary), not \(step.rawValue)\(isRecall ? " with a recall" : "")"
            }
        }
    }
}
