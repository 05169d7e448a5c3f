import Foundation
import Testing
@testable import TertialCore

/// Every target printed in the three seed plans, and the form Tertial reads from it.
@Suite struct TargetParserTests {
    static func d(_ s: String) -> Decimal { Decimal(string: s)! }

    static let seedTargets: [(String, TargetForm)] = [
        // Mark
        ("≤108", .comparison(.atMost, 108)), ("≤100", .comparison(.atMost, 100)), ("=0", .comparison(.equal, 0)),
        ("≥90", .comparison(.atLeast, 90)), ("≥85", .comparison(.atLeast, 85)), ("≥ 85", .comparison(.atLeast, 85)),
        ("≥ 87", .comparison(.atLeast, 87)), ("= 100%", .comparison(.equal, 100)), ("≥90%", .comparison(.atLeast, 90)),
        ("≥92%", .comparison(.atLeast, 92)), ("≤40", .comparison(.atMost, 40)), ("≥ 86", .comparison(.atLeast, 86)),
        ("≥ 90", .comparison(.atLeast, 90)), ("≥78%", .comparison(.atLeast, 78)), ("≥80%", .comparison(.atLeast, 80)),
        ("≥82%", .comparison(.atLeast, 82)), ("≥ 92", .comparison(.atLeast, 92)), ("≥ 94", .comparison(.atLeast, 94)),
        ("≤64 000", .comparison(.atMost, 64000)), ("≤60 000", .comparison(.atMost, 60000)), ("≥ 70", .comparison(.atLeast, 70)),
        ("≥ 72", .comparison(.atLeast, 72)), ("12", .level(12)),
        // Mark approved levels
        ("70-100", .range(70, 100)), ("80-100", .range(80, 100)), ("75-100", .range(75, 100)),
        // Linköping
        ("2", .level(2)), ("-10% jmf med föregående år", .relativeChange(percent: -10)), ("10", .level(10)),
        ("➤ Två stadsdelar", .text), (">Tre stadsdelar", .text), ("100", .level(100)),
        ("95% inom 120 dgr", .shareWithin(share: 95, limit: 120, limitUnit: "dgr")),
        ("95% inom 60 dgr", .shareWithin(share: 95, limit: 60, limitUnit: "dgr")),
        ("100% inom 120 dgr", .shareWithin(share: 100, limit: 120, limitUnit: "dgr")),
        ("80", .level(80)), ("90", .level(90)), ("Två verksamhetsområden", .text), ("75", .level(75)), ("10%", .level(10)),
        ("82", .level(82)), ("95", .level(95)), ("Två nya", .countNew(2)), ("9", .level(9)), ("2 nya", .countNew(2)),
        ("6,0", .level(6)), ("5,5", .level(d("5.5"))), ("98", .level(98)), ("76", .level(76)), ("78", .level(78)),
        ("66", .level(66)), ("67", .level(67)), ("17", .level(17)), ("3,5", .level(d("3.5"))), ("3,6", .level(d("3.6"))),
        // Söderköping
        ("1 %", .level(1)), ("0%", .level(0)), ("90%", .level(90)), ("< 1500", .comparison(.less, 1500)),
        ("< 1450", .comparison(.less, 1450)), ("<940 000", .comparison(.less, 940000)),
        ("Bättre än föregående år", .versusPreviousYear(.better)), ("45%", .level(45)), ("50% (2024)", .level(50)),
        ("85% >", .comparison(.greater, 85)), ("91 %>", .comparison(.greater, 91)), ("85 %", .level(85)),
        ("> 90 %", .comparison(.greater, 90)), ("Nytt mått", .text), ("> förgående år", .versusPreviousYear(.higher)),
        ("40 (jan-oktober)", .level(40)), ("45 (jan-oktober)", .level(45)), ("40 %", .level(40)), ("100 %", .level(100)),
        ("< förgående år", .versusPreviousYear(.lower)),
        // Forms product.md names that the seeds do not print
        ("Riktning: öka", .direction(.increase)), ("Riktning: minska", .direction(.decrease)),
        ("Riktning: bibehålla", .direction(.maintain)), ("< föregående år", .versusPreviousYear(.lower)),
        ("Sämre än föregående år", .versusPreviousYear(.worse)), (">= 5", .comparison(.atLeast, 5)), ("70–100", .range(70, 100)),
        ("Månatlig kontroll och analys", .text),
    ]

    @Test(arguments: seedTargets)
    func readsEverySeedTarget(_ text: String, _ expected: TargetForm) throws {
        #expect(try TargetParser.parse(text) == expected)
    }

    @Test func keepsTheTextExactlyAsPrinted() throws {
        let target = try Target(year: 2024, text: "95% inom 120 dgr")
        #expect(target.text == "95% inom 120 dgr")
    }

    @Test(arguments: [
        ("≥ 9O", "är inget tal"), ("", "är tomt"), ("   ", "är tomt"), ("≥", "saknar värde"), ("100-70", "övre gräns"),
        ("12 apor", "är inget tal"), ("70-", "inget intervall"), ("95% inom dgr", "tidsgräns"), ("Riktning: upp", "riktning"),
        ("5 % jmf med budget", "föregående år"),
    ])
    func rejectsWhatLooksLikeANumberButIsNot(_ text: String, _ problem: String) {
        #expect {
            try TargetParser.parse(text)
        } throws: { error in
            (error as? TargetParseError)?.description.contains(problem) == true
        }
    }

    /// Issue 22: every form a value takes, a target takes too; a count of one new thing in the singular.
    @Test(arguments: [
        ("15 mkr", TargetForm.level(15)), ("1 ny", .countNew(1)), ("1 nytt", .countNew(1)), ("en ny", .countNew(1)), ("ett nytt", .countNew(1)),
        ("2 nya", .countNew(2)), ("52 %/47 %", .text), ("79 % resp 84 %", .text), ("52%/47%", .text), ("4 319 kr", .level(4319)),
    ])
    func formsThatValuesTakeAreTargetsToo(_ text: String, _ form: TargetForm) throws {
        #expect(try TargetParser.parse(text) == form)
        // and what a value accepts, a target does not refuse
        if (try? ValueText(text)) != nil { #expect(throws: Never.self) { try TargetParser.parse(text) } }
    }
}
