using Custodian.Modules.Training.Attendance;
using Custodian.Modules.Training.Corrections;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Exams;
using Custodian.Modules.Training.Sessions;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Modules.Training.Tests.StaffWorld;

namespace Custodian.Modules.Training.Tests;

/// <summary>The trainer's work on a session: roster, attendance, identity check, corrections and exams; each view and change audited.</summary>
public sealed class SessionWorkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_roster_shows_enrolled_and_waitlisted_by_name_and_counts_as_a_view_of_each_of_them(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var aino = await world.EnrolAsync("Aino", "Virtanen", Hetu(13, 10, 1952, 308), "aino@example.fi", company: "Rakennus Oy", position: "Kirvesmies");
        var matti = await world.EnrolAsync("Matti", "Korhonen", Hetu(1, 2, 1990, 123), "matti@example.fi", EnrolmentStatus.Waitlisted);
        var cancelled = await world.EnrolAsync("Ville", "Peruttu", Hetu(2, 3, 1985, 44), "ville@example.fi", EnrolmentStatus.Cancelled);

        var roster = await world.Use<SessionRoster, RosterView>(r => r.OpenAsync(Trainer, world.Session, Ct));

        var enrolled = Assert.Single(roster.Enrolled);
        Assert.Equal(("Aino", "Virtanen", "131052-****", "Rakennus Oy", "Kirvesmies"), (enrolled.Trainee.FirstName, enrolled.Trainee.LastName, enrolled.Trainee.MaskedHetu, enrolled.Company, enrolled.Position));
        Assert.Equal("Korhonen", Assert.Single(roster.Waitlisted).Trainee.LastName);
        foreach (var subject in new[] { aino.Subject, matti.Subject })
        {
            var trail = await world.InScopeAsync(sp => sp.GetRequiredService<IAccessTrail>().ForSubjectAsync(subject, null, Ct));
            Assert.Equal(("training provider", "trainer", "roster"), (Assert.Single(trail).Organisation, trail[0].Role, trail[0].What));
        }

        Assert.Empty(await world.AuditAsync(cancelled.Subject));
    }

    [Fact]
    public async Task A_trainer_reaches_only_the_sessions_assigned_to_them_and_a_registrar_every_session()
    {
        await using var world = await TrainingWorld.StartAsync();
        var aino = await world.EnrolAsync("Aino", "Virtanen", Hetu(13, 10, 1952, 308), "aino@example.fi");

        await Assert.ThrowsAsync<TrainingNotFoundException>(() => world.Use<SessionRoster, RosterView>(r => r.OpenAsync(OtherTrainer, world.Session, Ct)));
        await Assert.ThrowsAsync<TrainingNotFoundException>(() => world.Use<RecordAttendance>(a => a.RecordAsync(OtherTrainer, aino.EnrolmentId, true, Ct)));
        Assert.Single((await world.Use<SessionRoster, RosterView>(r => r.OpenAsync(Registrar, world.Session, Ct))).Enrolled);
        Assert.Null(await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Enrolments.Where(e => e.Id == aino.EnrolmentId).Select(e => e.Attended).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Attendance_and_the_identity_check_keep_who_when_and_the_kind_of_document_only(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var aino = await world.EnrolAsync("Aino", "Virtanen", Hetu(13, 10, 1952, 308), "aino@example.fi");

        await world.Use<RecordAttendance>(a => a.RecordAsync(Trainer, aino.EnrolmentId, true, Ct));
        await world.Use<RecordIdentityCheck>(c => c.RecordAsync(Trainer, aino.EnrolmentId, "driving-licence", Ct));
        var unknown = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<RecordIdentityCheck>(c => c.RecordAsync(Trainer, aino.EnrolmentId, "AB1234567", Ct)));

        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Enrolments.AsNoTracking().SingleAsync(e => e.Id == aino.EnrolmentId, Ct));
        Assert.Equal((true, TrainingWorld.Trainer, IdentityDocument.DrivingLicence, TrainingWorld.Trainer, TrainingWorld.Start.UtcDateTime),
            (stored.Attended, stored.AttendanceRecordedBy, stored.IdentityDocument, stored.IdentityCheckedBy, stored.IdentityCheckedAtUtc));
        Assert.Equal("document", unknown.Field);
        Assert.Equal(["training record present", "training record identity check"], (await world.AuditAsync(aino.Subject)).Select(e => e.Action));
    }

    [Fact]
    public async Task The_waiting_list_is_not_marked_present_nor_examined()
    {
        await using var world = await TrainingWorld.StartAsync();
        var matti = await world.EnrolAsync("Matti", "Korhonen", Hetu(1, 2, 1990, 123), "matti@example.fi", EnrolmentStatus.Waitlisted);

        var attendance = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<RecordAttendance>(a => a.RecordAsync(Trainer, matti.EnrolmentId, true, Ct)));
        var exam = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<RecordExamResult, Guid>(x => x.RecordAsync(Trainer, matti.EnrolmentId, true, "40/50", null, Ct)));

        Assert.Equal(("attended", "passed"), (attendance.Field, exam.Field));
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Exams.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_correction_keeps_the_earlier_value_with_who_and_when_and_the_new_email_is_found_by_its_blind_index(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var aino = await world.EnrolAsync("Aino", "Virtanen", Hetu(13, 10, 1952, 308), "aino@example.fi", company: "Rakennus Oy");

        var changed = await world.Use<CorrectTraineeData, int>(c => c.CorrectAsync(Trainer, aino.EnrolmentId, new CorrectTraineeData.Input("Aino", "Virtanen-Laine", "aino.laine@example.fi", "040 123 4567", "Rakennus Oy", "Työnjohtaja"), Ct));
        var again = await world.Use<CorrectTraineeData, int>(c => c.CorrectAsync(Trainer, aino.EnrolmentId, new CorrectTraineeData.Input("Aino", "Virtanen-Laine", "aino.laine@example.fi", "+358401234567", "Rakennus Oy", "Työnjohtaja"), Ct));
        var markup = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<CorrectTraineeData, int>(c => c.CorrectAsync(Trainer, aino.EnrolmentId, new CorrectTraineeData.Input("<script>", "X", "a@example.fi", null, null, null), Ct)));

        var view = await world.Use<OpenEnrolment, EnrolmentView>(o => o.OpenAsync(Trainer, aino.EnrolmentId, Ct));
        Assert.Equal((4, 0, "firstName"), (changed, again, markup.Field));
        Assert.Equal(("Virtanen-Laine", "aino.laine@example.fi", "+358401234567", "Työnjohtaja"), (view.Trainee.LastName, view.Trainee.Email, view.Trainee.Phone, view.Position));
        Assert.Equal(
            [("last_name", "Virtanen"), ("email", "aino@example.fi"), ("phone", null), ("position", null)],
            view.Corrections.Select(c => (c.Field, c.EarlierValue)).OrderBy(c => CorrectTraineeData.Fields.Select(f => f.Field).ToList().IndexOf(c.Field)));
        Assert.All(view.Corrections, c => Assert.Equal((TrainingWorld.Trainer, TrainingWorld.Start.UtcDateTime), (c.CorrectedBy, c.CorrectedAtUtc)));
        var found = await world.InScopeAsync(sp =>
        {
            var index = sp.GetRequiredService<IPersonalDataVault>().BlindIndexOf(IdentifierType.Email, "aino.laine@example.fi");
            return sp.GetRequiredService<TrainingDb>().Trainees.CountAsync(t => t.EmailIndex == index, Ct);
        });
        Assert.Equal(1, found);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_exam_paper_is_kept_sealed_only_when_its_bytes_are_pdf_png_or_jpeg_and_not_too_large(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records, configure: b => b.WithSetting("Training:Exams:MaxPaperBytes", "2048"));
        var aino = await world.EnrolAsync("Aino", "Virtanen", Hetu(13, 10, 1952, 308), "aino@example.fi");
        await world.Use<RecordAttendance>(a => a.RecordAsync(Trainer, aino.EnrolmentId, true, Ct));
        byte[] pdf = [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[300]];

        var renamedText = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<RecordExamResult, Guid>(x => x.RecordAsync(Trainer, aino.EnrolmentId, true, "42/50", new MemoryStream("answers.pdf is really text"u8.ToArray()), Ct)));
        var tooLarge = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<RecordExamResult, Guid>(x => x.RecordAsync(Trainer, aino.EnrolmentId, true, "42/50", new MemoryStream([.. pdf, .. new byte[2048]]), Ct)));
        var badScore = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<RecordExamResult, Guid>(x => x.RecordAsync(Trainer, aino.EnrolmentId, true, "lots", null, Ct)));
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Exams.CountAsync(Ct)));

        var exam = await world.Use<RecordExamResult, Guid>(x => x.RecordAsync(Trainer, aino.EnrolmentId, true, "42/50", new MemoryStream(pdf), Ct));
        var paper = await world.Use<DownloadExamPaper, ExamPaper>(d => d.DownloadAsync(Trainer, exam, Ct));

        Assert.Equal(("paper", "paper", "score"), (renamedText.Field, tooLarge.Field, badScore.Field));
        Assert.Equal(("application/pdf", "exam-2026-12-14.pdf"), (paper.ContentType, paper.DownloadName));
        Assert.Equal(pdf, paper.Content);
        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Exams.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((true, new DateOnly(2026, 12, 14), pdf.Length), (stored.Passed, stored.TakenOn, stored.PaperSize!.Value));
        Assert.False(stored.ExamAnswers!.Ciphertext.AsSpan().IndexOf("%PDF"u8) >= 0);
        Assert.Contains(await world.AuditAsync(aino.Subject), e => e.Action == "training view exam paper");
    }
}
