

/// Decoding of the model's vocabularies with a message that names what is allowed, instead
/// of Foundation's "Cannot initialize … from invalid String value".
extension Vocabulary {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: container,
                debugDescription: "okänt värde \"\(raw)\" (tillåtna värden: \(Self.allowedValues))")
        }
        self = value
    }
}
