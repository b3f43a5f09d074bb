using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Attachments;

/// <summary>
/// A file attached to a client's record (<c>guidance_attachments</c>): the content and the file's name each sealed under
/// the client's key (erasing the key shreds them), the type found from the content itself, and who uploaded it when.
/// </summary>
internal sealed class AttachmentRecord
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public ConsentArea Area { get; set; }

    public string ContentType { get; set; } = string.Empty;

    public int Size { get; set; }

    public Encrypted<string> Name { get; set; } = null!;

    public Encrypted<byte[]> Content { get; set; } = null!;

    public DateTime UploadedAtUtc { get; set; }

    public string UploadedBy { get; set; } = string.Empty;

    public const string Table = "guidance_attachments";

    public static FieldAddress NameField(Guid id) => new(Table, "attachment_name", id.ToString("N"));

    public static FieldAddress ContentField(Guid id) => new(Table, "attachment_content", id.ToString("N"));
}

/// <summary>How large an attachment may be (<c>Guidance:Attachments:MaxBytes</c>, default 10 MB).</summary>
internal sealed class AttachmentOptions
{
    public const string Section = "Guidance:Attachments";

    [System.ComponentModel.DataAnnotations.Range(1, 100 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// The file types a record accepts, told by their first bytes, never by the name or the browser's claim: a renamed file
/// is what its content is.
/// </summary>
internal static class AttachmentTypes
{
    private static readonly (byte[] Magic, string ContentType, string Extension)[] Known =
    [
        ("%PDF-"u8.ToArray(), "application/pdf", ".pdf"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png", ".png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg", ".jpg"),
    ];

    /// <summary>The content type the bytes begin as, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        foreach (var (magic, type, _) in Known)
        {
            if (content.StartsWith(magic))
            {
                return type;
            }
        }

        return null;
    }

    public static string Extension(string contentType) => Known.First(k => k.ContentType == contentType).Extension;
}
