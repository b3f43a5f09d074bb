using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Audit;
using Custodian.Privacy.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Requests;

/// <summary>Requests end to end through the kernel: intake, verification, tasks to the providers, answer, download, receipt.</summary>
public sealed class DataSubjectRequestTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Access_gives_a_one_time_package_with_every_record_the_register_information_and_a_signed_receipt(Engine engine)
    {
        await using var world = await KernelWorld.StartAsync(engine, Monday);
        var anna = await world.Training.EnrolAsync("Anna", "anna@example.fi", withExam: true, Ct);
        await world.Get<IConsentLedger>().GiveAsync(anna, new ConsentPurpose("training", "marketing"), "Course offers by e-mail.", new ConsentEvidence(ConsentChannel.WebForm, "form-7"), Ct);

        var receipt = await world.SubmitAsync("training", "access", "  Anna@Example.FI ");
        await world.Get<VerifyRequest>().VerifyAsync(receipt.Reference, VerificationMethod.OperatorCheck, "ID card seen at the office; number not copied.", null, Ct);
        var result = await world.Get<ExecuteRequest>().ExecuteAsync(receipt.Reference, new ExecutionInput(), Ct);

        Assert.Equal(RequestStatus.Completed, result.Status);
        Assert.Equal(new DateOnly(2026, 12, 23), receipt.DueOn);
        var download = await world.Get<DownloadRequestPackage>().TakeAsync(result.DownloadToken!, Ct);
        Assert.Equal(DownloadRequestPackage.State.Ready, download.State);
        using var zip = new ZipArchive(new MemoryStream(download.Package!));
        using var data = JsonDocument.Parse(zip.GetEntry("data.json")!.Open());
        var records = data.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["consent", "enrolment", "exam", "request"], records.Select(r => r.GetProperty("type").GetString()).Order());
        var enrolment = records.Single(r => r.GetProperty("type").GetString() == "enrolment").GetProperty("fields").EnumerateArray().ToList();
        Assert.Contains(enrolment, f => f.GetProperty("name").GetString() == "first_name" && f.GetProperty("value").GetString() == "Anna" && f.GetProperty("label").GetString() == "First and last name.");
        Assert.Equal(world.Get<Custodian.Privacy.Declarations.RegisterCatalog>().Find("training")!.Purposes.Count, data.RootElement.GetProperty("information").GetProperty("purposes").GetArrayLength());
        Assert.Contains("training,enrolment,", new StreamReader(zip.GetEntry("data.csv")!.Open()).ReadToEnd(), StringComparison.Ordinal);

        using var signed = JsonDocument.Parse(download.Receipt!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(download.Package!)), signed.RootElement.GetProperty("package_sha256").GetString());
        Assert.True(world.Get<RequestReceipts>().Verify(download.Receipt!, download.ReceiptSignature!));
        Assert.Equal(DownloadRequestPackage.State.AlreadyDownloaded, (await world.Get<DownloadRequestPackage>().TakeAsync(result.DownloadToken!, Ct)).State);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Erasure_keeps_the_held_exam_restricted_and_a_later_access_request_finds_nothing_erasable(Engine engine)
    {
        await using var world = await KernelWorld.StartAsync(engine, Monday);
        var anna = await world.Training.EnrolAsync("Anna", "anna@example.fi", withExam: true, Ct);

        var erasure = await world.RunAsync("training", "erasure", "anna@example.fi");

        Assert.Contains("Erased 1 record(s).", erasure.Outcome, StringComparison.Ordinal);
        Assert.Contains("The exam record is kept as proof of the certificate issued on it. Until 2031-11-23.", erasure.Outcome, StringComparison.Ordinal);
        Assert.DoesNotContain("encryption key was destroyed", erasure.Outcome, StringComparison.Ordinal);
        var left = await world.Training.ExportAsync(anna, "training", Ct);
        Assert.Equal("exam", Assert.Single(left).Record.RecordType);
        Assert.True(left[0].Restricted);

        var holds = new List<LegalHold>();
        foreach (var provider in world.Scope.ServiceProvider.GetServices<IPersonalDataProvider>())
        {
            holds.AddRange(await provider.HoldsAsync(anna, "training", Ct));
            var remaining = await provider.ExportAsync(anna, "training", Ct);
            Assert.All(remaining, r => Assert.Contains(holds, h => h.Record == r.Record));
        }
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Erasure_with_nothing_held_destroys_the_subjects_key_so_backup_copies_read_as_erased(Engine engine)
    {
        await using var world = await KernelWorld.StartAsync(engine, Monday);
        var anna = await world.Training.EnrolAsync("Anna", "anna@example.fi", withExam: false, Ct);

        var erasure = await world.RunAsync("training", "erasure", "anna@example.fi");

        Assert.Contains("Your personal encryption key was destroyed", erasure.Outcome, StringComparison.Ordinal);
        var vault = world.Get<IPersonalDataVault>();
        foreach (var (field, value) in world.Training.Backup)
        {
            Assert.True((await vault.OpenAsync(value, field, Ct)).IsErased);
        }

        Assert.Empty(await world.Training.ExportAsync(anna, "training", Ct));
        var access = await world.RunAsync("training", "access", "anna@example.fi");
        var package = (await world.Get<DownloadRequestPackage>().TakeAsync(access.DownloadToken!, Ct)).Package!;
        using var data = JsonDocument.Parse(new ZipArchive(new MemoryStream(package)).GetEntry("data.json")!.Open());
        // Only the kernel's records of the two requests themselves (kept as proof of handling) are left.
        Assert.Equal(["request", "request"], data.RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task The_kernel_keeps_the_subjects_key_while_a_hold_remains_and_destroys_it_once_when_none_does()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);
        var held = await world.Training.EnrolAsync("Carl", "carl@example.fi", withExam: true, Ct);
        var free = await world.Training.EnrolAsync("Anna", "anna@example.fi", withExam: false, Ct);
        var vault = world.Get<IPersonalDataVault>();
        var heldProbe = await vault.SealAsync(KeyScope.Subject(held), Probe(held), "kept", Ct);
        var freeProbe = await vault.SealAsync(KeyScope.Subject(free), Probe(free), "gone", Ct);

        await world.RunAsync("training", "erasure", "carl@example.fi");
        await world.RunAsync("training", "erasure", "anna@example.fi");
        await world.RunAsync("training", "erasure", "anna@example.fi"); // asked again: nothing left, the key is already gone

        Assert.Equal("kept", (await vault.OpenAsync(heldProbe, Probe(held), Ct)).Value);
        Assert.Empty(await Shreds(held));
        Assert.True((await vault.OpenAsync(freeProbe, Probe(free), Ct)).IsErased);
        Assert.Single(await Shreds(free));

        async Task<List<string>> Shreds(SubjectId subject) =>
            [.. (await world.Get<AuditReader>().ReadAsync(1, subject.ToString(), Ct)).Where(e => e.Action == "key.shred").Select(e => e.Action)];

        static FieldAddress Probe(SubjectId subject) => new("other_register_rows", "value", subject.ToString());
    }

    [Fact]
    public async Task A_request_to_a_processor_register_is_forwarded_to_the_controller_and_tracked()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);

        var forwarded = await world.RunAsync("guidance-city", "access", "client@example.fi");
        Assert.Equal(RequestStatus.Forwarded, forwarded.Status);
        Assert.Contains("forwarded to them", forwarded.Outcome, StringComparison.Ordinal);

        await world.Get<ExecuteRequest>().RecordControllerAnswerAsync(forwarded.Reference, done: true, "The city answered the client directly on 2026-11-30.", Ct);
        var detail = await world.Get<OpenRequests>().DetailAsync(forwarded.Reference, Ct);
        Assert.Equal(RequestStatus.Completed, detail.Request.Status);
        Assert.Equal(["Received", "Received", "Received", "Verified", "Forwarded", "Completed"], detail.Timeline.Select(e => e.Status.ToString()));
        Assert.Equal("Confirmation link e-mailed to the address given.", detail.Timeline[2].Note);
    }

    [Fact]
    public async Task An_extension_moves_the_due_date_once_and_a_152fz_request_counts_working_days()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);
        var gdpr = await world.SubmitAsync("training", "access", "anna@example.fi");
        var fz = await world.SubmitAsync("marketplace-sellers", "access", "seller@example.ru");

        var extended = await world.Get<ExtendRequest>().ExtendAsync(gdpr.Reference, "Many requests arrived at once; we need more time to collect the records.", Ct);
        var again = await Assert.ThrowsAsync<RequestRefusedException>(() => world.Get<ExtendRequest>().ExtendAsync(gdpr.Reference, "Still more time needed, sorry about that.", Ct));

        Assert.Equal(new DateOnly(2027, 2, 23), extended);
        Assert.Equal("Request " + gdpr.Reference + " was already extended; the law allows one extension.", again.Message);
        Assert.Equal(new DateOnly(2026, 12, 7), fz.DueOn);
        Assert.Equal(new DateOnly(2026, 12, 14), await world.Get<ExtendRequest>().ExtendAsync(fz.Reference, "The marketplace data must be collected from two systems.", Ct));
    }

    [Fact]
    public async Task Nothing_runs_before_identity_is_verified_and_a_refusal_carries_its_legal_ground_in_a_signed_receipt()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);
        var receipt = await world.SubmitAsync("training", "erasure", "anna@example.fi");

        var early = await Assert.ThrowsAsync<RequestRefusedException>(() => world.Get<ExecuteRequest>().ExecuteAsync(receipt.Reference, new ExecutionInput(), Ct));
        await world.Get<RefuseRequest>().RefuseAsync(receipt.Reference, RefusalGround.IdentityNotVerified, "The confirmation link was not opened and no other proof was given.", Ct);

        Assert.Equal($"Request {receipt.Reference} is received; it cannot be in progress now.", early.Message);
        var detail = await world.Get<OpenRequests>().DetailAsync(receipt.Reference, Ct);
        Assert.StartsWith("Refused (GDPR art. 12(6); 152-FZ art. 14 part 3): The confirmation link", detail.Request.Outcome, StringComparison.Ordinal);
        var receipts = world.Get<RequestReceipts>();
        Assert.True(receipts.Verify(detail.Request.Receipt!, detail.Request.ReceiptSignature!));
        Assert.False(receipts.Verify(detail.Request.Receipt!.Replace("Refused", "Completed", StringComparison.Ordinal), detail.Request.ReceiptSignature!));
    }

    [Theory]
    [InlineData("nowhere", "access", "a@example.fi", "register", "There is no register 'nowhere'.")]
    [InlineData("billing", "portability", "a@example.fi", "kind", "The register 'billing' does not offer the right 'portability' (its legal basis rules it out); see its privacy notice.")]
    [InlineData("training", "forget-me", "a@example.fi", "kind", "Unknown kind of request 'forget-me'; use one of: access, portability, rectification, erasure, restriction, objection, consent-withdrawal.")]
    [InlineData("training", "access", "not-an-address", "email", "The e-mail address is not valid: ")]
    public async Task A_request_that_cannot_be_taken_names_the_field_and_why(string register, string kind, string email, string field, string message)
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);

        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => world.SubmitAsync(register, kind, email));

        Assert.Equal(field, refused.Field);
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_lists_open_requests_by_due_date_even_for_a_register_no_longer_declared()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);
        var gdpr = await world.SubmitAsync("training", "access", "anna@example.fi");
        var fz = await world.SubmitAsync("marketplace-sellers", "access", "seller@example.ru");
        var retired = await world.SubmitAsync("guidance", "access", "client@example.fi");
        var db = world.Get<PrivacyDb>();
        (await db.Requests.SingleAsync(r => r.Reference == retired.Reference, Ct)).Register = "retired-register";
        await db.SaveChangesAsync(Ct);
        world.Clock.Advance(TimeSpan.FromDays(15)); // 2026-12-08

        var rows = await world.Get<OpenRequests>().ListAsync(includeClosed: false, Ct);

        Assert.Equal([fz.Reference, gdpr.Reference, retired.Reference], rows.Select(r => r.Reference));
        Assert.Equal((true, -1), (rows[0].Overdue, rows[0].DaysLeft)); // 152-FZ: due 2026-12-07
        Assert.Equal((false, 15), (rows[1].Overdue, rows[1].DaysLeft)); // GDPR: due 2026-12-23
        Assert.Equal(15, rows[2].DaysLeft);
    }

    [Fact]
    public async Task A_download_link_stops_working_after_seven_days()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);
        await world.Training.EnrolAsync("Anna", "anna@example.fi", withExam: false, Ct);
        var access = await world.RunAsync("training", "access", "anna@example.fi");

        world.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        Assert.Equal(DownloadRequestPackage.State.Expired, (await world.Get<DownloadRequestPackage>().TakeAsync(access.DownloadToken!, Ct)).State);
        Assert.Equal(DownloadRequestPackage.State.Unknown, (await world.Get<DownloadRequestPackage>().TakeAsync("not-a-token", Ct)).State);
    }

    [Fact]
    public async Task Rectification_corrects_the_chosen_field_and_restriction_marks_every_record()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);
        var anna = await world.Training.EnrolAsync("Ana", "anna@example.fi", withExam: true, Ct);
        var enrolment = (await world.Training.ExportAsync(anna, "training", Ct)).Single(r => r.Record.RecordType == "enrolment").Record;

        var rectification = await world.SubmitAsync("training", "rectification", "anna@example.fi");
        await world.Get<VerifyRequest>().VerifyAsync(rectification.Reference, VerificationMethod.OperatorCheck, "Signed letter with the registered address.", null, Ct);
        var corrected = await world.Get<ExecuteRequest>().ExecuteAsync(rectification.Reference, new ExecutionInput(Record: enrolment, Field: "first_name", Value: "Anna"), Ct);
        var restriction = await world.RunAsync("training", "restriction", "anna@example.fi");

        Assert.Equal("The field \"first_name\" was corrected.", corrected.Outcome);
        var records = await world.Training.ExportAsync(anna, "training", Ct);
        Assert.Equal("Anna", records.Single(r => r.Record == enrolment).Fields.Single(f => f.Name == "first_name").Value);
        Assert.All(records, r => Assert.True(r.Restricted));
        Assert.StartsWith("Processing of your data is restricted", restriction.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_objection_to_marketing_stops_it_at_once_and_a_withdrawal_ends_every_consent_in_the_register()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);
        var anna = await world.Training.EnrolAsync("Anna", "anna@example.fi", withExam: false, Ct);
        var ledger = world.Get<IConsentLedger>();
        var marketing = new ConsentPurpose("training", "marketing");
        await ledger.GiveAsync(anna, marketing, "Course offers by e-mail.", new ConsentEvidence(ConsentChannel.WebForm, "form-1"), Ct);
        Assert.True(await ledger.HasConsentAsync(anna, marketing, Ct));

        var objection = await world.SubmitAsync("training", "objection", "anna@example.fi");
        await world.Get<VerifyRequest>().VerifyAsync(objection.Reference, VerificationMethod.OperatorCheck, "Reply from the registered address.", null, Ct);
        var objected = await world.Get<ExecuteRequest>().ExecuteAsync(objection.Reference, new ExecutionInput(Purpose: "marketing"), Ct);

        Assert.False(await ledger.HasConsentAsync(anna, marketing, Ct));
        Assert.Contains("GDPR art. 21(3)", objected.Outcome, StringComparison.Ordinal);
        Assert.True(await world.Get<PrivacyDb>().Restrictions.AnyAsync(r => r.SubjectId == anna.Value && r.Scope == "objection:marketing", Ct));

        await ledger.GiveAsync(anna, marketing, "Course offers by e-mail.", new ConsentEvidence(ConsentChannel.WebForm, "form-2"), Ct);
        Assert.True(await ledger.HasConsentAsync(anna, marketing, Ct));
        var withdrawal = await world.RunAsync("training", "consent-withdrawal", "anna@example.fi");
        Assert.Equal("Consent withdrawn for: marketing. It took effect immediately.", withdrawal.Outcome);
        Assert.False(await ledger.HasConsentAsync(anna, marketing, Ct));
    }

    [Fact]
    public async Task Portability_gives_the_records_as_csv_too()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Monday);
        await world.Training.EnrolAsync("Anna", "anna@example.fi", withExam: false, Ct);

        var portability = await world.RunAsync("training", "portability", "anna@example.fi");

        var package = (await world.Get<DownloadRequestPackage>().TakeAsync(portability.DownloadToken!, Ct)).Package!;
        var csv = new StreamReader(new ZipArchive(new MemoryStream(package)).GetEntry("data.csv")!.Open()).ReadToEnd();
        Assert.StartsWith("register,record_type,record_id,field,category,label,value,restricted\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",first_name,identity,First and last name.,Anna,false\r\n", csv, StringComparison.Ordinal);
    }
}
