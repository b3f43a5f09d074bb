using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Guidance.Attachments;

internal sealed record AttachmentView(Guid Id, ConsentArea Area, string Name, string ContentType, int Size, DateTime UploadedAtUtc, string UploadedBy);

internal sealed record AttachmentsSection(Guid ClientId, bool Writes, IReadOnlyList<AttachmentView> Attachments, IReadOnlySet<ConsentArea> WritableAreas, int MaxBytes);

internal sealed record AttachmentFile(byte[] Content, string ContentType, string DownloadName);

/// <summary>
/// Files on a client's record: uploaded by the coach in an area the written consent covers, checked by their content
/// (PDF, PNG, JPEG only, whatever the name says) and size before anything is stored, sealed under the client's key.
/// Listing and each download are logged like the record's other sections.
/// </summary>
internal sealed class ClientAttachments(GuidanceDb db, ClientScope scope, WrittenConsents consents, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock, IOptions<AttachmentOptions> options)
{
    public const string What = "attachments";

    public int MaxBytes => options.Value.MaxBytes;

    public async Task<Guid> UploadAsync(string account, Guid clientId, string? area, string? fileName, Stream? content, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        WrittenConsents.Require(reached, RecordSection.Attachments);
        var consentArea = ConsentAreas.Parse(area) ?? throw new GuidanceInputException("Choose the area the attachment belongs to.");
        if (content is null)
        {
            throw new GuidanceInputException("Choose a file to attach.");
        }

        var bytes = await ReadAsync(content, cancellationToken);
        var type = AttachmentTypes.Detect(bytes) ?? throw new GuidanceInputException("Only PDF, PNG and JPEG files can be attached: the file's content is none of these, whatever its name says. Nothing was stored.");
        var name = Path.GetFileName(fileName?.Trim() ?? string.Empty);
        name = name.Length is 0 or > 200 || name.Any(char.IsControl) ? "attachment" + AttachmentTypes.Extension(type) : name;
        if (!(await consents.AreasAsync(clientId, cancellationToken)).Contains(consentArea))
        {
            throw new GuidanceInputException("The client's written consent does not cover this area: nothing was saved. Record the consent first.");
        }

        var id = Guid.CreateVersion7();
        var key = KeyScope.Subject(reached.Client.SubjectId);
        db.Attachments.Add(new AttachmentRecord
        {
            Id = id,
            ClientId = clientId,
            Area = consentArea,
            ContentType = type,
            Size = bytes.Length,
            Name = await vault.SealAsync(key, AttachmentRecord.NameField(id), name, cancellationToken),
            Content = await vault.SealAsync(key, AttachmentRecord.ContentField(id), bytes, cancellationToken),
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            UploadedBy = account,
        });
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "attach file"), cancellationToken);
        return id;
    }

    public async Task<AttachmentsSection?> OpenAsync(string account, Guid clientId, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        if (!AccessMatrix.CanRead(reached.Access(RecordSection.Attachments)))
        {
            return null;
        }

        var section = await ReadAsync(reached, await consents.AreasAsync(clientId, cancellationToken), cancellationToken);
        await audit.AppendAsync(GuidanceAudit.View(reached, What), cancellationToken);
        return section;
    }

    /// <summary>The section without logging the view: the record page logs it with the record's other sections.</summary>
    internal async Task<AttachmentsSection?> ReadAsync(ReachableClient reached, IReadOnlySet<ConsentArea> consentedAreas, CancellationToken cancellationToken)
    {
        var access = reached.Access(RecordSection.Attachments);
        if (!AccessMatrix.CanRead(access))
        {
            return null;
        }

        var clientId = reached.Client.Id;
        var rows = await db.Attachments.Where(a => a.ClientId == clientId)
            .Select(a => new { a.Id, a.Area, a.Name, a.ContentType, a.Size, a.UploadedAtUtc, a.UploadedBy }).ToListAsync(cancellationToken);
        var views = new List<AttachmentView>();
        foreach (var a in rows.OrderByDescending(a => a.UploadedAtUtc).ThenByDescending(a => a.Id))
        {
            var name = (await vault.OpenAsync(a.Name, AttachmentRecord.NameField(a.Id), cancellationToken)).ValueOr("[erased]");
            views.Add(new AttachmentView(a.Id, a.Area, name, a.ContentType, a.Size, a.UploadedAtUtc, a.UploadedBy));
        }

        return new AttachmentsSection(clientId, access == SectionAccess.Write, views, consentedAreas, MaxBytes);
    }

    public async Task<AttachmentFile> DownloadAsync(string account, Guid clientId, Guid attachmentId, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        if (!AccessMatrix.CanRead(reached.Access(RecordSection.Attachments)))
        {
            throw new GuidanceNotFoundException();
        }

        var row = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.ClientId == clientId, cancellationToken) ?? throw new GuidanceNotFoundException();
        var content = await vault.OpenAsync(row.Content, AttachmentRecord.ContentField(row.Id), cancellationToken);
        if (content.IsErased)
        {
            throw new GuidanceNotFoundException();
        }

        await audit.AppendAsync(GuidanceAudit.View(reached, What, "download attachment"), cancellationToken);
        var name = (await vault.OpenAsync(row.Name, AttachmentRecord.NameField(row.Id), cancellationToken)).ValueOr("attachment" + AttachmentTypes.Extension(row.ContentType));
        return new AttachmentFile(content.Value!, row.ContentType, name);
    }

    /// <summary>Reads at most one byte more than allowed, so an oversized upload is refused without holding it all.</summary>
    private async Task<byte[]> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        var limit = MaxBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new GuidanceInputException("The file is too large: nothing was stored.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? throw new GuidanceInputException("The file is empty: nothing was stored.") : buffer.ToArray();
    }
}
