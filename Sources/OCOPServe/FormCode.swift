import HTTPTypes
import Hummingbird
import NIOCore

/// Reading the multipart forms of `/verify` and `/shop`: the form within the size limit, and
/// the code it carries, typed or as the QR code in an uploaded photo.
extension ResolverResponder {
    /// Why a form was not read: the status and the key of the words that say so (`Texts`).
    struct FormRefusal: Error {
        let status: HTTPResponse.Status
        let key: String
        init(_ status: HTTPResponse.Status, _ key: String) {
            self.status = status
            self.key = key
        }
    }

    /// The body as `multipart/form-data`, at most an upload and the form's own bytes.
    func readForm(_ request: Request) async -> Result<MultipartForm, FormRefusal> {
        let limit = configuration.maxUploadBytes + 64 * 1024  // the file plus the form's own bytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return .failure(FormRefusal(.contentTooLarge, "tooLarge"))
        }
        guard let contentType = request.headers[.contentType],
              let boundary = MultipartForm.boundary(contentType: contentType) else {
            return .failure(FormRefusal(.unsupportedMediaType, "nothingSent"))
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            // A chunked body has no Content-Length to refuse early: it is cut off at the limit.
            return .failure(FormRefusal(.contentTooLarge, "tooLarge"))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return .failure(FormRefusal(.contentTooLarge, "tooLarge"))
        } catch {
            return .failure(FormRefusal(.badRequest, "nothingSent"))
        }
        guard let form = MultipartForm(body: Array(buffer.readableBytesView), boundary: boundary) else {
            return .failure(FormRefusal(.badRequest, "nothingSent"))
        }
        return .success(form)
    }

    /// The code of a form: the QR code read from the photo in `label` (decoded on the image
    /// thread, 429 when it is busy; how it was read goes to `trace`), else the text in `code`.
    /// Typed short codes are guessable (40 bits): a client gets a few a minute; anything that is
    /// not a link counts, typos included.
    func code(in form: MultipartForm, client: String?, trace: RequestTrace? = nil) async -> Result<String, FormRefusal> {
        if let file = form.part(named: "label"), !file.body.isEmpty {
            guard file.body.count <= configuration.maxUploadBytes else { return .failure(FormRefusal(.contentTooLarge, "tooLarge")) }
            let bytes = Array(file.body)
            let maxPixels = configuration.maxImagePixels
            let decoded: Result<LabelImage.Reading, LabelImage.Failure>
            let started = ContinuousClock.now
            do {
                decoded = try await images.run { _ -> Result<LabelImage.Reading, LabelImage.Failure> in
                    do throws(LabelImage.Failure) {
                        return .success(try LabelImage.decode(bytes, maxPixels: maxPixels))
                    } catch {
                        return .failure(error)
                    }
                }
            } catch {
                return .failure(FormRefusal(.tooManyRequests, "busy"))
            }
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            switch decoded {
            case let .success(reading):
                trace?.set(labelDecode: reading.pass, milliseconds: milliseconds)
                return .success(reading.codes.first { $0.contains("://") } ?? reading.codes[0])
            case .failure(.noCode):
                trace?.set(labelDecode: "none", milliseconds: milliseconds)
                return .failure(FormRefusal(.unprocessableContent, "noQR"))
            case .failure(.tooManyPixels): return .failure(FormRefusal(.contentTooLarge, "tooLarge"))
            case .failure: return .failure(FormRefusal(.unprocessableContent, "badImage"))
            }
        }
        guard let code = form.text(named: "code"), !code.isEmpty else { return .failure(FormRefusal(.badRequest, "nothingSent")) }
        if !code.contains("://"), !shortCodes.allow(client ?? "unknown") {
            return .failure(FormRefusal(.tooManyRequests, "tooMany"))
        }
        return .success(code)
    }
}
