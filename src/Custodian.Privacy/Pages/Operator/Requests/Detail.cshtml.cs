using Custodian.Privacy.Abstractions.Access;
using System.Globalization;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.OperatorConsole;

/// <summary>One request: facts, timeline and the actions its status allows (verify, carry out or forward, extend, refuse).</summary>
public sealed class RequestDetailModel(
    OpenRequests requests,
    VerifyRequest verify,
    ExecuteRequest execute,
    ExtendRequest extend,
    RefuseRequest refuse,
    RegisterCatalog registers,
    IEnumerable<IPersonalDataProvider> providers) : OperatorActionPage
{
    public OpenRequests.Detail Detail { get; private set; } = null!;

    public bool IsProcessorRegister { get; private set; }

    public IReadOnlyList<string> Purposes { get; private set; } = [];

    public IReadOnlyList<string> CorrectableFields { get; private set; } = [];

    public string? OnceLink { get; private set; }

    public string? OnceLinkExpires { get; private set; }

    public bool LinkMailed { get; private set; }

    public bool? ConfirmationSent { get; private set; }

    public async Task<IActionResult> OnPostSendConfirmationAsync(string reference, CancellationToken cancellationToken)
    {
        var outcome = await ActAsync("/operator/requests/", reference, async () => ConfirmationSent = await verify.SendEmailConfirmationAsync(reference, cancellationToken), cancellationToken, redirect: false);
        return outcome;
    }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostVerifyAsync(string reference, VerificationMethod method, string? evidence, CancellationToken cancellationToken) =>
        ActAsync("/operator/requests/", reference, () => verify.VerifyAsync(reference, method, evidence ?? string.Empty, null, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostExtendAsync(string reference, string? reason, CancellationToken cancellationToken) =>
        ActAsync("/operator/requests/", reference, () => extend.ExtendAsync(reference, reason ?? string.Empty, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRefuseAsync(string reference, RefusalGround ground, string? explanation, CancellationToken cancellationToken) =>
        ActAsync("/operator/requests/", reference, () => refuse.RefuseAsync(reference, ground, explanation ?? string.Empty, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(string reference, string? answer, bool done, CancellationToken cancellationToken) =>
        ActAsync("/operator/requests/", reference, () => execute.RecordControllerAnswerAsync(reference, done, answer ?? string.Empty, cancellationToken), cancellationToken);

    [RequiresRecentSignIn] // erasure, a copy of someone's data, restriction: confirm who is acting
    public async Task<IActionResult> OnPostExecuteAsync(string reference, string? purpose, string? target, string? value, CancellationToken cancellationToken)
    {
        ExecutionResult? result = null;
        var outcome = await ActAsync("/operator/requests/", reference, async () => result = await execute.ExecuteAsync(reference, Input(purpose, target, value), cancellationToken), cancellationToken, redirect: false);
        LinkMailed = result?.LinkMailed == true;
        if (result?.DownloadToken is { } token && !LinkMailed)
        {
            OnceLink = $"{Request.Scheme}://{Request.Host}/privacy/requests/download/{token}";
            OnceLinkExpires = result.DownloadExpiresAtUtc?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        }

        return outcome;
    }

    private static ExecutionInput Input(string? purpose, string? target, string? value)
    {
        // target = "register/type/id:field" from the list of correctable fields
        if (target?.Split(':') is [var record, var field] && record.Split('/') is [var register, var type, var id])
        {
            return new ExecutionInput(Record: new RecordRef(register, type, id), Field: field, Value: value);
        }

        return new ExecutionInput(Purpose: string.IsNullOrEmpty(purpose) ? null : purpose);
    }

    protected override async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            Detail = await requests.DetailAsync(reference, cancellationToken);
        }
        catch (RequestRefusedException)
        {
            return false;
        }

        var register = registers.Find(Detail.Request.Register);
        IsProcessorRegister = register?.Role == ProcessingRole.Processor;
        Purposes = register?.Purposes.Select(p => p.Id).ToList() ?? [];
        if (Detail.Request.Kind == RequestKind.Rectification && Detail.Request.SubjectId is { } subject && register is not null)
        {
            var fields = new List<string>();
            foreach (var provider in providers.Where(p => p.Registers.Contains(register.Id)))
            {
                foreach (var record in await provider.ExportAsync(new SubjectId(subject), register.Id, cancellationToken))
                {
                    fields.AddRange(record.Fields.Where(f => register.CategoryOfField(f.Name) is not null).Select(f => $"{record.Record}:{f.Name}"));
                }
            }

            CorrectableFields = fields;
        }

        return true;
    }
}
