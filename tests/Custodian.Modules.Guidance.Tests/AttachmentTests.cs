using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Custodian.Modules.Guidance.Attachments;
using Custodian.Modules.Guidance.Rights;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>Attachments: sealed under the client's key, told by their content and size, downloads logged.</summary>
public sealed class AttachmentTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_attached_pdf_is_stored_encrypted_and_its_download_returns_it_and_is_audited(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);

        var id = await world.AttachAsync(client, "lausunto.pdf", Pdf);

        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Attachments.AsNoTracking().SingleAsync(a => a.Id == id, Ct));
        Assert.DoesNotContain("%PDF", Encoding.ASCII.GetString(stored.Content.Ciphertext), StringComparison.Ordinal);
        Assert.DoesNotContain("lausunto", Encoding.UTF8.GetString(stored.Name.Ciphertext), StringComparison.Ordinal);
        var file = await world.InScopeAsync(sp => sp.GetRequiredService<ClientAttachments>().DownloadAsync(GuidanceWorld.TeamLead, client, id, Ct));
        Assert.Equal(Pdf, file.Content);
        Assert.Equal(("application/pdf", "lausunto.pdf"), (file.ContentType, file.DownloadName));
        Assert.Contains(await world.AuditAsync(client), e => e.Action == "guidance download attachment as team-lead");
    }

    [Fact]
    public async Task A_text_file_renamed_to_pdf_is_refused_by_its_content_and_nothing_is_stored()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.AttachAsync(client, "lausunto.pdf", Encoding.UTF8.GetBytes("MZ\u0090 not a pdf at all")));

        Assert.StartsWith("Only PDF, PNG and JPEG files can be attached", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Attachments.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_file_one_byte_over_the_limit_is_refused_and_one_at_the_limit_is_kept()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        var limit = new AttachmentOptions().MaxBytes;
        var atLimit = new byte[limit];
        Png.CopyTo(atLimit, 0);

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.AttachAsync(client, "kuva.png", [.. atLimit, 0]));
        await world.AttachAsync(client, "kuva.png", atLimit);

        Assert.Equal("The file is too large: nothing was stored.", refused.Message);
        Assert.Equal([limit], await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Attachments.Select(a => a.Size).ToListAsync(Ct)));
    }

    [Fact]
    public async Task Only_the_coach_attaches_and_the_sending_organisation_neither_lists_nor_downloads_attachments()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], ["employment"]);
        var id = await world.AttachAsync(client, "kuva.png", Png);

        await Assert.ThrowsAsync<GuidanceInputException>(() => world.AttachAsync(client, "toinen.png", Png, GuidanceWorld.TeamLead));
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.AttachAsync(client, "kolmas.pdf", Pdf, area: "rehabilitation"));
        Assert.Null(await world.InScopeAsync(sp => sp.GetRequiredService<ClientAttachments>().OpenAsync(GuidanceWorld.Sender, client, Ct)));
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ClientAttachments>().DownloadAsync(GuidanceWorld.Sender, client, id, Ct)));
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ClientAttachments>().DownloadAsync(GuidanceWorld.OtherCoach, client, id, Ct)));
        Assert.Equal(1, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Attachments.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_clients_copy_holds_the_attachment_and_erasure_removes_it()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        await world.AttachAsync(client, "lausunto.pdf", Pdf);

        var (exported, left) = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuidanceDb>();
            var subject = await db.Clients.Where(c => c.Id == client).Select(c => c.SubjectId).SingleAsync(Ct);
            var provider = sp.GetServices<IPersonalDataProvider>().OfType<GuidanceDataProvider>().Single();
            var exported = await provider.ExportAsync(subject, "guidance", Ct);
            await provider.EraseAsync(subject, "guidance", Ct);
            return (exported, await db.Attachments.CountAsync(Ct));
        });

        var attachment = Assert.Single(exported, r => r.Record.RecordType == "attachment");
        Assert.Equal(Convert.ToBase64String(Pdf), attachment.Fields.Single(f => f.Name == "attachment_content").Value);
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task Over_http_a_renamed_file_answers_400_with_the_reason_and_an_accepted_one_downloads_as_an_attachment()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        using var coach = world.Host.CreateClient();
        await StaffSignIns.EnrolAsync(world.Host, coach, "coach.anna", [Roles.Coach], Ct);
        var record = "/guidance/clients/" + client;

        using var refused = await UploadAsync(coach, record, "lausunto.pdf", Encoding.UTF8.GetBytes("<script>alert(1)</script>"));
        using var accepted = await UploadAsync(coach, record, "lausunto.pdf", Pdf);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Only PDF, PNG and JPEG files can be attached", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var id = await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Attachments.Select(a => a.Id).SingleAsync(Ct));
        using var download = await coach.GetAsync(new Uri($"{record}/attachments/{id}", UriKind.Relative), Ct);
        Assert.Equal(("application/pdf", "attachment"), (download.Content.Headers.ContentType!.MediaType, download.Content.Headers.ContentDisposition!.DispositionType));
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
    }

    [Property(MaxTest = 300)]
    public Property Only_content_that_begins_as_pdf_png_or_jpeg_is_recognised_whatever_follows() =>
        Prop.ForAll(Gen.Elements("pdf", "png", "jpeg", "other").ToArbitrary(), ArbMap.Default.ArbFor<byte[]>(), (kind, tail) =>
        {
            byte[] head = kind switch
            {
                "pdf" => [.. "%PDF-"u8],
                "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
                "jpeg" => [0xFF, 0xD8, 0xFF],
                _ => [],
            };
            var content = head.Concat(tail ?? []).ToArray();
            var detected = AttachmentTypes.Detect(content);
            var expected = kind switch
            {
                "pdf" => "application/pdf",
                "png" => "image/png",
                "jpeg" => "image/jpeg",
                _ => content.AsSpan().StartsWith("%PDF-"u8) ? "application/pdf"
                    : content.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
                    : content.AsSpan().StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "image/jpeg" : null,
            };
            Assert.Equal(expected, detected);
        });

    private static async Task<HttpResponseMessage> UploadAsync(CustodianClient coach, string record, string name, byte[] bytes)
    {
        var token = await coach.AntiforgeryTokenAsync(record, Ct);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("employment"), "area");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        return await coach.PostAsync(new Uri(record + "/attachments?handler=Upload", UriKind.Relative), form, Ct);
    }
}

/// <summary>Attaching as the tests do it, each in its own scope as a request would.</summary>
internal static class AttachmentWorld
{
    public static Task<Guid> AttachAsync(this GuidanceWorld world, Guid client, string name, byte[] content, string account = GuidanceWorld.Coach, string area = "employment") =>
        world.InScopeAsync(async sp =>
        {
            using var stream = new MemoryStream(content);
            return await sp.GetRequiredService<ClientAttachments>().UploadAsync(account, client, area, name, stream, TestContext.Current.CancellationToken);
        });
}
