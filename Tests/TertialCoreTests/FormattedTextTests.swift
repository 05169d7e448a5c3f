import Testing
@testable import TertialCore

@Suite struct FormattedTextTests {
    @Test func theStructurePlansUse() {
        let text = """
        ## Vision
        Mark ska vara en **trygg** kommun
        där *alla* kan växa.

        - ge stöd
        - skapa *förutsättningar*

        1. Upprättat förslag godkänns.
        2. Beslutet justeras omedelbart.
        """
        #expect(FormattedText.parse(text) == [
            .heading(level: 2, [.text("Vision")]),
            // A single line break is kept where the person typed it (plans copy lines from Word); a blank line ends the paragraph.
            .paragraph([.text("Mark ska vara en "), .strong("trygg"), .text(" kommun"), .lineBreak, .text("där "), .emphasis("alla"), .text(" kan växa.")]),
            .bullets([[.text("ge stöd")], [.text("skapa "), .emphasis("förutsättningar")]]),
            .numbered([[.text("Upprättat förslag godkänns.")], [.text("Beslutet justeras omedelbart.")]]),
        ])
    }

    @Test(arguments: [
        ("<script>alert(1)</script>", [FormattedText.Inline.text("<script>alert(1)</script>")]),
        ("2 * 3 = 6", [.text("2 * 3 = 6")]),
        ("en_variabel_här", [.text("en_variabel_här")]),
        ("**ej stängd", [.text("**ej stängd")]),
        ("<b>fet</b>", [.text("<b>fet</b>")]),
    ])
    func htmlAndStrayMarkersAreText(_ text: String, _ expected: [FormattedText.Inline]) {
        #expect(FormattedText.inline(text) == expected)
    }

    @Test func aHashWithoutASpaceIsNotAHeading() {
        #expect(FormattedText.parse("#1 i landet") == [.paragraph([.text("#1 i landet")])])
    }

    @Test func aListRightAfterALineIsAList() {
        // Söderköping's goal area: "Identifierade utvecklingsområden avseende\n- nämndens grunduppdrag".
        #expect(FormattedText.parse("Identifierade utvecklingsområden avseende\n- nämndens grunduppdrag\n- kvalitet") == [
            .paragraph([.text("Identifierade utvecklingsområden avseende")]),
            .bullets([[.text("nämndens grunduppdrag")], [.text("kvalitet")]]),
        ])
    }

    @Test func plainTextKeepsLineBreaks() {
        #expect(FormattedText.plainText("¹ Källa A\n² Källa B\n\nNy del") == "¹ Källa A\n² Källa B\n\nNy del")
    }
}
