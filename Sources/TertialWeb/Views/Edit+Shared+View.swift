import Plot
import TertialCore
import TertialStore
import Vapor

/// The pages of `EditController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension EditController {
    /// Before anyone changes an adopted plan: what the change means for the public and the record.
    static func adoptedNotice(_ plan: Plan) -> Node<HTML.BodyContext> {
        .if(plan.status == .adopted, .p(.class("notice"), .attribute(named: "role", value: "note"),
            .strong("Planen är fastställd. "),
            .text("Det du sparar blir en arbetsversion: allmänheten ser den fastställda versionen tills planen fastställs på nytt, "
                  + "och ändringen loggas med ditt namn.")))
    }
}
