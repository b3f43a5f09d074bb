using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Declarations.Notices;

namespace Custodian.Privacy.Requests;

/// <summary>
/// The answer to an access or portability request as a zip: <c>data.json</c> (the information of GDPR art. 15 /
/// 152-FZ art. 14 part 7 from the declaration, and every record with declared labels), <c>data.csv</c> (one row per
/// field, machine readable) and a short <c>README.txt</c>.
/// </summary>
public static class RequestPackage
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(RegisterDeclaration register, RequestRecord request, IReadOnlyList<ExportedRecord> records, string language, DateTime generatedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(records);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "data.json", JsonSerializer.Serialize(Document(register, request, records, language, generatedAtUtc), Json));
            Add(archive, "data.csv", Csv(register, records, language));
            Add(archive, "README.txt", $"""
                Copy of your personal data — request {request.Reference}, register "{register.Title.In(language)}".
                Generated {generatedAtUtc:yyyy-MM-dd HH:mm} UTC by {register.Controller.Name.In(language)} ({register.Controller.Contact.In(language)}).

                data.json  what the register holds about you, and why: purposes, legal bases, categories, recipients,
                           retention, sources, transfers and your rights (GDPR art. 15, 152-FZ art. 14).
                data.csv   the same records, one field per row, for other software (GDPR art. 20).

                {records.Count} record(s). Records marked restricted are kept only for storage or legal claims.
                """);
        }

        return zip.ToArray();
    }

    private static object Document(RegisterDeclaration register, RequestRecord request, IReadOnlyList<ExportedRecord> records, string language, DateTime generatedAtUtc) => new
    {
        request = request.Reference,
        kind = request.Kind.ToString(),
        generated_at = generatedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        register = new
        {
            id = register.Id,
            title = register.Title.In(language),
            law = DeclarationNames.Of(register.Law),
            controller = new { name = register.Controller.Name.In(language), registration = register.Controller.RegistrationId?.In(language), address = register.Controller.Address.In(language), contact = register.Controller.Contact.In(language), protection_officer = register.Controller.ProtectionOfficer?.In(language) },
            processor = register.Processor is { } p ? new { name = p.Name.In(language), contact = p.Contact.In(language) } : null,
        },
        information = new
        {
            purposes = register.Purposes.Select(p => new { id = p.Id, description = p.Description.In(language), legal_basis = p.LegalBasis.Description, special_category_basis = p.SpecialCategoryBasis?.Description, categories = p.Categories }),
            categories = register.Categories.Select(c => new { id = c.Id, description = c.Description.In(language), fields = c.Fields, retention = NoticeWords.Retention(language, c.Retention), erasure = DeclarationNames.Of(c.Erasure) }),
            recipients = register.Recipients.Select(r => new { name = r.Name.In(language), role = r.Role.In(language), purpose = r.Purpose.In(language), location = r.Location.In(language), categories = r.Categories }),
            sources = register.Sources.Select(s => new { id = s.Id, description = s.Description.In(language) }),
            transfers_outside_territory = register.Transfers.Statement.In(language),
            rights = register.Rights,
        },
        records = records.Select(r => new
        {
            register = r.Record.Register,
            type = r.Record.RecordType,
            id = r.Record.RecordId,
            restricted = r.Restricted,
            fields = r.Fields.Select(f => new { name = f.Name, category = register.CategoryOfField(f.Name)?.Id, label = register.CategoryOfField(f.Name)?.Description.In(language), value = f.Value }),
        }),
    };

    private static string Csv(RegisterDeclaration register, IReadOnlyList<ExportedRecord> records, string language)
    {
        var csv = new StringBuilder("register,record_type,record_id,field,category,label,value,restricted\r\n");
        foreach (var record in records)
        {
            foreach (var field in record.Fields)
            {
                var category = register.CategoryOfField(field.Name);
                csv.AppendJoin(',', new[] { record.Record.Register, record.Record.RecordType, record.Record.RecordId, field.Name, category?.Id, category?.Description.In(language), field.Value, record.Restricted ? "true" : "false" }.Select(CsvText.Field)).Append("\r\n");
            }
        }

        return csv.ToString();
    }

    private static void Add(ZipArchive archive, string name, string text)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
