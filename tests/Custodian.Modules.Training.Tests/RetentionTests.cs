using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Exams;
using Custodian.Modules.Training.Invoicing;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Retention;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>The register's declared retention run by the kernel's sweep over the real records, years of the clock apart.</summary>
public sealed class RetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_no_show_goes_after_three_months_an_exam_paper_after_a_year_and_a_card_holder_five_years_after_the_card_while_invoices_and_lifelong_cards_hold(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var employer = await world.AddPayingEmployerAsync();
        var anna = await world.AddTraineeAsync("Anna", "Korttinen", "131052-308T", "anna@example.fi");
        var ville = await world.AddTraineeAsync("Ville", "Poissa", "010203A1230", "ville@example.fi");
        var hanna = await world.AddTraineeAsync("Hanna", "Hygienia", "111111-111C", "hanna@example.fi");
        var ossi = await world.AddTraineeAsync("Ossi", "Laskulla", "020390-456M", "ossi@example.fi");
        var annaEnrolment = await world.EnrolAsync(anna.TraineeId, attended: true);
        var villeEnrolment = await world.EnrolAsync(ville.TraineeId);
        var hannaEnrolment = await world.EnrolAsync(hanna.TraineeId, attended: true);
        var ossiEnrolment = await world.EnrolAsync(ossi.TraineeId, employer: employer, attended: true);
        var exam = await AddExamAsync(world, annaEnrolment);
        await AddCardAsync(world, anna.TraineeId, annaEnrolment, "tyoturvallisuuskortti", new DateOnly(2031, 12, 13));
        var firstAid = await world.InScopeAsync(sp => sp.GetRequiredService<ManageCatalogue>().AddSessionAsync(new ManageCatalogue.SessionInput(world.Course,
            new DateTime(2026, 12, 21, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 21, 14, 0, 0, DateTimeKind.Utc), "Mannerheimintie 1, 00100 Helsinki", 20, TrainingWorld.Trainer), Ct));
        var oldCard = await AddCardAsync(world, anna.TraineeId, await world.EnrolAsync(anna.TraineeId, session: firstAid, attended: true), "ea1", new DateOnly(2028, 1, 31));
        await AddCardAsync(world, hanna.TraineeId, hannaEnrolment, "hygieniapassi", validUntil: null);
        await AddPaidInvoiceAsync(world, employer, ossi.TraineeId, ossiEnrolment);

        world.Host.SettableClock.Set(new DateTimeOffset(2027, 3, 15, 12, 0, 0, TimeSpan.Zero));
        var spring = await SweepAsync(world);
        Assert.Equal(1, Applied(spring, "enrolments"));
        Assert.False(await ExistsAsync(world, db => db.Enrolments.AnyAsync(e => e.Id == villeEnrolment, Ct)));
        Assert.False(await ExistsAsync(world, db => db.Trainees.AnyAsync(t => t.Id == ville.TraineeId, Ct)));
        Assert.True(await ExistsAsync(world, db => db.Exams.AnyAsync(x => x.Id == exam && x.ExamAnswers != null, Ct)));

        world.Host.SettableClock.Set(new DateTimeOffset(2028, 1, 2, 12, 0, 0, TimeSpan.Zero));
        await SweepAsync(world);
        var kept = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Exams.AsNoTracking().SingleAsync(x => x.Id == exam, Ct));
        Assert.Equal((true, null, null, null), (kept.Passed, kept.ExamScore, kept.ExamAnswers, kept.PaperContentType));

        // Ossi has no card, so his record is due five years after his course, but a paid invoice naming him is an
        // accounting voucher until the end of 2032; his employer's contact goes two years after the company's last order.
        world.Host.SettableClock.Set(new DateTimeOffset(2032, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await SweepAsync(world);
        Assert.True(await ExistsAsync(world, db => db.Trainees.AnyAsync(t => t.Id == ossi.TraineeId, Ct)));
        var holds = await world.InScopeAsync(sp => sp.GetRequiredService<Rights.TrainingDataProvider>().HoldsAsync(ossi.Subject, TrainingModule.Register, Ct));
        Assert.Contains(holds, h => h.Reason == HoldReason.AccountingRetention && h.Record.RecordType == "trainee" && h.Until == new DateOnly(2032, 12, 31));
        Assert.False(await ExistsAsync(world, db => db.Employers.AnyAsync(e => e.Id == employer && e.ContactSubjectId != new SubjectId(Guid.Empty), Ct)));
        Assert.True(await ExistsAsync(world, db => db.Trainees.AnyAsync(t => t.Id == anna.TraineeId, Ct)));

        world.Host.SettableClock.Set(new DateTimeOffset(2034, 1, 2, 12, 0, 0, TimeSpan.Zero));
        var expired = await SweepAsync(world);
        Assert.Equal((1, 0, 1), (Applied(expired, "certificates"), Applied(expired, "identity"), Applied(expired, "invoices")));
        Assert.False(await ExistsAsync(world, db => db.Certificates.AnyAsync(c => c.Id == oldCard, Ct)));
        Assert.True(await ExistsAsync(world, db => db.Certificates.AnyAsync(c => c.TraineeId == anna.TraineeId, Ct)));

        world.Host.SettableClock.Set(new DateTimeOffset(2036, 12, 15, 12, 0, 0, TimeSpan.Zero));
        var late = await SweepAsync(world);
        Assert.Equal(2, Applied(late, "identity")); // Anna, and Ossi now that the invoice's accounting period is over
        Assert.False(await ExistsAsync(world, db => db.Trainees.AnyAsync(t => t.Id == anna.TraineeId || t.Id == ossi.TraineeId, Ct)));
        Assert.False(await ExistsAsync(world, db => db.InvoiceParticipants.AnyAsync(Ct)));
        Assert.True(await ExistsAsync(world, db => db.Invoices.AnyAsync(Ct)));
        Assert.True(await ExistsAsync(world, db => db.Trainees.AnyAsync(t => t.Id == hanna.TraineeId, Ct)));
        Assert.True(await ExistsAsync(world, db => db.Certificates.AnyAsync(c => c.TraineeId == hanna.TraineeId, Ct)));
    }

    private static int Applied(IReadOnlyList<RuleOutcome> outcomes, string category) =>
        outcomes.Single(o => o.Register == TrainingModule.Register && o.Category == category).Applied;

    private static Task<IReadOnlyList<RuleOutcome>> SweepAsync(TrainingWorld world) =>
        world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().RunAsync(null, Ct));

    private static Task<bool> ExistsAsync(TrainingWorld world, Func<TrainingDb, Task<bool>> query) =>
        world.InScopeAsync(sp => query(sp.GetRequiredService<TrainingDb>()));

    private static Task<Guid> AddExamAsync(TrainingWorld world, Guid enrolment) => world.InScopeAsync(async sp =>
    {
        var (db, vault) = (sp.GetRequiredService<TrainingDb>(), sp.GetRequiredService<IPersonalDataVault>());
        var subject = await (from e in db.Enrolments join t in db.Trainees on e.TraineeId equals t.Id where e.Id == enrolment select t.SubjectId).SingleAsync(Ct);
        var id = Guid.CreateVersion7();
        db.Exams.Add(new ExamRecord
        {
            Id = id,
            EnrolmentId = enrolment,
            TakenOn = new DateOnly(2026, 12, 14),
            Passed = true,
            ExamScore = await vault.SealAsync(KeyScope.Subject(subject), TrainingFields.Of(ExamRecord.Table, "exam_score", id), "44/50", Ct),
            ExamAnswers = await vault.SealAsync(KeyScope.Subject(subject), TrainingFields.Of(ExamRecord.Table, "exam_answers", id), "%PDF-1.4"u8.ToArray(), Ct),
            PaperContentType = "application/pdf",
            PaperSize = 8,
            RecordedBy = TrainingWorld.Trainer,
            RecordedAtUtc = new DateTime(2026, 12, 14, 14, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync(Ct);
        return id;
    });

    private static Task<Guid> AddCardAsync(TrainingWorld world, Guid trainee, Guid enrolment, string cardType, DateOnly? validUntil) => world.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<TrainingDb>();
        var id = Guid.CreateVersion7();
        db.Certificates.Add(new CertificateRecord
        {
            Id = id,
            TraineeId = trainee,
            EnrolmentId = enrolment,
            CardTypeKey = cardType,
            CertificateNumber = "TTK-2026-" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            VerificationCode = OneTimeTokens.NewReference("V"),
            IssuedOn = new DateOnly(2026, 12, 14),
            ValidUntil = validUntil,
            IssuedBy = TrainingWorld.Registrar,
            IssuedAtUtc = new DateTime(2026, 12, 14, 15, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync(Ct);
        return id;
    });

    private static Task AddPaidInvoiceAsync(TrainingWorld world, Guid employer, Guid trainee, Guid enrolment) => world.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<TrainingDb>();
        var id = Guid.CreateVersion7();
        db.Invoices.Add(new InvoiceRecord
        {
            Id = id,
            EmployerId = employer,
            SessionId = world.Session,
            SourceReference = "training-" + id.ToString("N"),
            State = InvoiceState.Paid,
            Number = "2026-1",
            IssuedOn = new DateOnly(2026, 12, 15),
            DueOn = new DateOnly(2026, 12, 29),
            SettledOn = new DateOnly(2026, 12, 20),
            Total = 120m,
            Currency = "EUR",
            RequestedBy = TrainingWorld.Registrar,
            RequestedAtUtc = new DateTime(2026, 12, 15, 8, 0, 0, DateTimeKind.Utc),
        });
        db.InvoiceParticipants.Add(new InvoiceParticipantRecord { InvoiceId = id, EnrolmentId = enrolment, TraineeId = trainee });
        await db.SaveChangesAsync(Ct);
    });
}
