import FluentKit
import Foundation
import Testing
import TertialCore
import TertialInterchange
@testable import TertialStore
import TertialTestSupport

/// Import and export against a real database: SQLite by default, PostgreSQL when
/// TERTIAL_TEST_DATABASE_URL is set (the test script runs the suite both ways).
@Suite struct ImportExportTests {
    @Test func demoPlansSurviveTheDatabaseByteForByte() async throws {
        try await withStore { store in
            // given the three demo files imported together
            let sources = try DemoData.sources()
            try await PlanImporter.importDocuments(sources, into: store.db, by: .system("test"))
            // when each plan is exported
            for source in sources {
                let exported = InterchangeCodec.encode(try await PlanExporter.document(planID: source.document.plan.id, on: store.db))
                // then it is the file it came from
                #expect(exported == InterchangeCodec.encode(source.document), "\(source.name) on \(store.scratch.engine)")
            }
        }
    }

    @Test func exportImportExportIsByteIdentical() async throws {
        let first = try await withStore { store in
            try await PlanImporter.importDocuments(try DemoData.sources(), into: store.db, by: .system("test"))
            return try await DemoData.sources().asyncMap { InterchangeCodec.encode(try await PlanExporter.document(planID: $0.document.plan.id, on: store.db)) }
        }
        try await withStore { store in
            // given each exported file imported into an empty database
            let sources = try first.enumerated().map { PlanImporter.Source(name: "export-\($0.offset).json", document: try InterchangeCodec.decode($0.element)) }
            try await PlanImporter.importDocuments(sources, into: store.db, by: .system("test"))
            // when exported again
            for (i, source) in sources.enumerated() {
                let again = InterchangeCodec.encode(try await PlanExporter.document(planID: source.document.plan.id, on: store.db))
                // then nothing moved
                #expect(again == first[i])
            }
        }
    }

    /// Issue 22, point 11: an annual report from an earlier system carries its goals' assessments and
    /// analyses; they are stored as the goals' follow-up (beside the computed status) and exported again.
    @Test func assessmentsAndAnalysesSurviveTheDatabase() async throws {
        try await withStore { store in
            var source = try DemoData.sources()[2]
            let goal = try #require(source.document.goals.first { $0.level == .committee })
            source.document.assessments = [GoalAssessmentRecord(goalId: goal.id, period: Period(year: 2024), assessment: .partlyMet, analysis: "Delvis nått."),
                                           GoalAssessmentRecord(goalId: goal.id, period: Period(year: 2024, part: .interim), analysis: "Halvvägs.")]
            source.document.version = source.document.requiredVersion
            try await PlanImporter.importDocuments([source], into: store.db, by: .system("test"))
            let exported = try await PlanExporter.document(planID: source.document.plan.id, on: store.db)
            #expect(exported.assessments == [GoalAssessmentRecord(goalId: goal.id, period: Period(year: 2024, part: .interim), analysis: "Halvvägs."),
                                             GoalAssessmentRecord(goalId: goal.id, period: Period(year: 2024), assessment: .partlyMet,
                                                                  reason: GoalAssessment.importedReason, analysis: "Delvis nått.")])
            // the goal's follow-up for the year holds them, with the status Tertial computes beside the person's
            let year = try await Assessments.history(planID: source.document.plan.id, period: Period(year: 2024), on: store.db)
            #expect(year[goal.id]?.last?.assessment.override == .partlyMet && year[goal.id]?.last?.analysis == "Delvis nått.")
            #expect(exported.version == 3)
        }
    }

    @Test func aFailingFileImportsNothingOfTheBatch() async throws {
        try await withStore { store in
            // given a batch whose last file conflicts with the first (same plan id)
            let sources = try DemoData.sources()
            var clash = sources[0]
            clash.name = "kopia.json"
            // when it is imported
            await #expect(throws: InterchangeError.self) {
                try await PlanImporter.importDocuments(sources + [clash], into: store.db, by: .system("test"))
            }
            // then the database is as it was: empty
            #expect(try await MunicipalityModel.query(on: store.db).count() == 0)
            #expect(try await PlanModel.query(on: store.db).count() == 0)
            #expect(try await MeasureValueModel.query(on: store.db).count() == 0)
        }
    }

    @Test func importingAPlanTwiceNamesTheConflict() async throws {
        try await withStore { store in
            let mark = try DemoData.sources()[2]
            try await PlanImporter.importDocuments([mark], into: store.db, by: .system("test"))
            let before = try await MeasureValueModel.query(on: store.db).count()
            do {
                try await PlanImporter.importDocuments([mark], into: store.db, by: .system("test"))
                Issue.record("second import accepted")
            } catch let error as InterchangeError {
                #expect(error.description.contains("mark-sn-namndplan-2024-2025.json: $.plan.id: planen \"mark-sn-namndplan-2024-2025\" finns redan"))
                #expect(error.problems.contains { $0.path == "$.goals[0].indicators[0].id" })
            }
            #expect(try await MeasureValueModel.query(on: store.db).count() == before)
        }
    }

    @Test func aSecondPlanSharesTheCouncilGoals() async throws {
        try await withStore { store in
            // given the Mark plan, and next year's plan of the same committee referring to the same council goals
            let mark = try DemoData.sources()[2]
            try await PlanImporter.importDocuments([mark], into: store.db, by: .system("test"))
            var next = mark.document
            next.plan.id = "mark-sn-namndplan-2025-2026"
            next.plan.title = "Nämndplan 2025-2026"
            next.basicMissions = []
            next.trackingMeasures = []
            for g in next.goals.indices {
                for i in next.goals[g].indicators.indices { next.goals[g].indicators[i].id += "-2025" }
            }
            // when it is imported
            try await PlanImporter.importDocuments([.init(name: "next.json", document: next)], into: store.db, by: .system("test"))
            // then both plans exist and the goals are stored once
            #expect(try await PlanModel.query(on: store.db).count() == 2)
            #expect(try await GoalModel.query(on: store.db).count() == mark.document.goals.count)

            // and a changed council goal is a conflict, not a silent overwrite
            var changed = next
            changed.plan.id = "mark-sn-namndplan-2026"
            for g in changed.goals.indices { for i in changed.goals[g].indicators.indices { changed.goals[g].indicators[i].id += "-b" } }
            changed.goals[0].title = "Sveriges bästa barnkommun"
            do {
                try await PlanImporter.importDocuments([.init(name: "changed.json", document: changed)], into: store.db, by: .system("test"))
                Issue.record("changed council goal accepted")
            } catch let error as InterchangeError {
                #expect(error.problems.map(\.description) == ["changed.json: $.goals[0]: målet \"mark-kf-basta-barnkommun\" finns redan med andra uppgifter"])
            }
            #expect(try await GoalModel.find("mark-kf-basta-barnkommun", on: store.db)?.title == "Bästa barnkommun")
        }
    }

    @Test func catalogueListsEveryPlan() async throws {
        try await withStore { store in
            try await PlanImporter.importDocuments(try DemoData.sources(), into: store.db, by: .system("test"))
            let lines = try await Catalogue.load(on: store.db).planLines
            #expect(lines == [
                "lkpg-son-internbudget-2021\tLinköpings kommun\tSocial- och omsorgsnämnden\tInternbudget 2021 med plan för 2022-2024",
                "sdkp-sn-uppdragsplan-2020-2023\tSöderköpings kommun\tSocialnämnden\tUppdragsplan 2020-2023",
                "mark-sn-namndplan-2024-2025\tMarks kommun\tSocialnämnden\tNämndplan 2024-2025",
                "mark-familjeenheten-enhetsplan-2024\tMarks kommun\tFamiljeenheten\tEnhetsplan 2024 Familjeenheten",
            ])
        }
    }

    @Test func demoLoadsOnlyIntoAnEmptyDatabase() async throws {
        try await withStore { store in
            let first = try await DemoData.loadIfEmpty(on: store.db)
            let second = try await DemoData.loadIfEmpty(on: store.db)
            let plans = try await PlanModel.query(on: store.db).count()
            #expect(first && !second)
            #expect(plans == DemoData.fileNames.count && plans == 4)
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
