using Custodian.Privacy;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Declarations;

namespace Custodian.Privacy.Requests;

/// <summary>What the operator adds when running a request: the purpose objected to or withdrawn, or the field to correct.</summary>
public sealed record ExecutionInput(string? Purpose = null, RecordRef? Record = null, string? Field = null, string? Value = null);

/// <summary>The answer, and for access and portability the one-time download token for the link sent to the subject.</summary>
public sealed record ExecutionResult(RequestStatus Status, string Outcome, string? DownloadToken = null, DateTime? DownloadExpiresAtUtc = null, bool LinkMailed = false);

/// <summary>
/// Runs a verified request: the task goes to every module provider holding the register, and the answer is
/// recorded with a signed receipt. A processor register's request is forwarded to the controller instead.
/// Erasure keeps what a legal hold requires (restricted, with the reason). The kernel alone destroys the subject's
/// data key (providers never do, see <see cref="IPersonalDataProvider"/>): once, after every provider has erased,
/// when the declaration asks erasure to reach backups, no module provider reported a hold and nothing of the subject
/// is left in any module's register (the kernel's own proof of consents and requests is not under the subject key).
/// </summary>
public sealed class ExecuteRequest(RequestRules rules, IEnumerable<IPersonalDataProvider> providers, IPersonalDataVault vault, IConsentLedger consents, RequestReceipts receipts, RequestMails mails)
{
    public static readonly TimeSpan DownloadLifetime = TimeSpan.FromDays(7);

    public async Task<ExecutionResult> ExecuteAsync(string reference, ExecutionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = await rules.FindAsync(reference, cancellationToken);
        RequestRules.EnsureCanMove(request, RequestStatus.InProgress, RequestStatus.Verified, RequestStatus.Extended, RequestStatus.InProgress);
        var register = rules.Register(request.Register);
        if (register.Role == ProcessingRole.Processor)
        {
            request.ForwardedAtUtc = rules.UtcNow;
            var note = $"We process this register on behalf of {register.Controller.Name}, who decides on the data. The request was forwarded to them ({register.Controller.Contact}); we carry out their instructions and track the answer.";
            await rules.MoveAsync(request, RequestStatus.Forwarded, note, cancellationToken);
            return new ExecutionResult(RequestStatus.Forwarded, note);
        }

        return await CarryOutAsync(request, register, input, cancellationToken);
    }

    /// <summary>
    /// Carries out a request the kernel may act on: a controller register's, or a processor register's the controller
    /// approved in the app (<see cref="ControllerDecisions"/>). Completes it with its receipt and, for a copy, the link.
    /// </summary>
    internal async Task<ExecutionResult> CarryOutAsync(RequestRecord request, RegisterDeclaration register, ExecutionInput input, CancellationToken cancellationToken)
    {
        var holding = providers.Where(p => p.Registers.Contains(register.Id)).ToList();
        if (request.Status != RequestStatus.InProgress)
        {
            await rules.MoveAsync(request, RequestStatus.InProgress, "Tasks sent to: " + string.Join(", ", holding.Select(p => p.Name)) + ".", cancellationToken);
        }

        var subject = request.SubjectId is { } id ? new SubjectId(id) : (SubjectId?)null;
        string? token = null;
        var outcome = request.Kind switch
        {
            RequestKind.Access or RequestKind.Portability => await ExportAsync(request, register, holding, subject, cancellationToken),
            RequestKind.Erasure => await EraseAsync(request, register, holding, subject, cancellationToken),
            RequestKind.Restriction => await RestrictAsync(request, holding, subject, cancellationToken),
            RequestKind.Objection => await ObjectAsync(request, register, subject, input.Purpose, cancellationToken),
            RequestKind.ConsentWithdrawal => await WithdrawAsync(request, subject, input.Purpose, cancellationToken),
            RequestKind.Rectification => await RectifyAsync(request, holding, subject, input, cancellationToken),
            _ => throw new RequestRefusedException("kind", $"Unknown kind {request.Kind}."),
        };
        if (request.Kind is RequestKind.Access or RequestKind.Portability)
        {
            (token, var hash) = OneTimeTokens.New();
            request.DownloadTokenHash = hash;
            request.DownloadExpiresAtUtc = rules.UtcNow + DownloadLifetime;
            outcome += string.Create(CultureInfo.InvariantCulture, $" The copy can be downloaded once until {request.DownloadExpiresAtUtc:yyyy-MM-dd HH:mm} UTC.");
        }

        request.Outcome = outcome;
        request.CompletedAtUtc = rules.UtcNow;
        request.Status = RequestStatus.Completed;
        receipts.Sign(request);
        var mailed = false;
        if (token is not null && (await vault.OpenAsync(request.ContactEmail, RequestFields.ContactEmail(request.Id), cancellationToken)) is { IsErased: false } email)
        {
            mailed = await mails.SendDownloadLinkAsync(request, email.Value!, token, request.DownloadExpiresAtUtc!.Value, cancellationToken);
        }

        await rules.MoveAsync(request, RequestStatus.Completed, outcome, cancellationToken);
        return new ExecutionResult(RequestStatus.Completed, outcome, token, request.DownloadExpiresAtUtc, mailed);
    }

    /// <summary>Records the controller's answer to a forwarded request (processor registers).</summary>
    public async Task RecordControllerAnswerAsync(string reference, bool done, string answer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            throw new RequestRefusedException("answer", "Note what the controller answered.");
        }

        var request = await rules.FindAsync(reference, cancellationToken);
        RequestRules.EnsureCanMove(request, RequestStatus.Completed, RequestStatus.Forwarded);
        request.Outcome = $"Answered by the controller: {answer.Trim()}";
        request.CompletedAtUtc = rules.UtcNow;
        request.Status = done ? RequestStatus.Completed : RequestStatus.Refused;
        receipts.Sign(request);
        await rules.MoveAsync(request, request.Status, request.Outcome, cancellationToken);
    }

    private async Task<string> ExportAsync(RequestRecord request, RegisterDeclaration register, List<IPersonalDataProvider> holding, SubjectId? subject, CancellationToken cancellationToken)
    {
        var records = new List<ExportedRecord>();
        if (subject is { } s)
        {
            foreach (var provider in holding)
            {
                var exported = await provider.ExportAsync(s, register.Id, cancellationToken);
                records.AddRange(exported);
                rules.Note(request, $"{provider.Name}: {exported.Count} record(s) exported.");
            }
        }

        var package = RequestPackage.Build(register, request, records, request.Language, rules.UtcNow);
        request.Package = await vault.SealAsync(RequestFields.Scope, RequestFields.Package(request.Id), package, cancellationToken);
        request.PackageSha256 = Convert.ToHexStringLower(SHA256.HashData(package));
        return records.Count == 0
            ? "The register holds no personal data under the e-mail address given. The copy contains the information about the register (purposes, legal bases, recipients, retention, your rights)."
            : $"A copy of {records.Count} record(s) with the information about the register (purposes, legal bases, recipients, retention, source, your rights) is ready as JSON and CSV.";
    }

    internal async Task<string> EraseAsync(RequestRecord request, RegisterDeclaration register, List<IPersonalDataProvider> holding, SubjectId? subject, CancellationToken cancellationToken)
    {
        if (subject is not { } s)
        {
            return "The register holds no personal data under the e-mail address given; there was nothing to erase.";
        }

        var (erased, anonymised, held, heldUnderKey) = (0, 0, new List<LegalHold>(), 0);
        foreach (var provider in holding)
        {
            var result = await provider.EraseAsync(s, register.Id, cancellationToken);
            (erased, anonymised) = (erased + result.Erased, anonymised + result.Anonymised);
            held.AddRange(result.Held);
            heldUnderKey += provider.Name == KernelDataProvider.ProviderName ? 0 : result.Held.Count;
            rules.Note(request, $"{provider.Name}: {result.Erased} erased, {result.Anonymised} anonymised, {result.Held.Count} held.");
        }

        var answer = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Erased {erased} record(s)"));
        answer.Append(anonymised > 0 ? string.Create(CultureInfo.InvariantCulture, $" and anonymised {anonymised}.") : ".");
        if (register.Categories.Any(c => c.Erasure == ErasureMethod.CryptoShred) && heldUnderKey == 0 && await NothingLeftEncryptedAsync(s, cancellationToken)
            && await vault.ShredAsync(KeyScope.Subject(s), cancellationToken) > 0)
        {
            rules.Note(request, "The subject's data key was destroyed (crypto-shredding): copies in backups can no longer be read.");
            answer.Append(" Your personal encryption key was destroyed, so copies in backups can no longer be read either.");
        }

        foreach (var group in held.GroupBy(h => (h.Reason, h.Explanation, h.Until)))
        {
            answer.Append(string.Create(CultureInfo.InvariantCulture, $" Kept and restricted ({group.Count()} record(s): {string.Join(", ", group.Select(h => h.Record.RecordType).Distinct())}): {group.Key.Explanation}"));
            answer.Append(group.Key.Until is { } until ? string.Create(CultureInfo.InvariantCulture, $" Until {until:yyyy-MM-dd}.") : string.Empty);
        }

        return answer.ToString();
    }

    /// <summary>No module keeps anything of the subject in any register (the kernel's own records are not under the subject key).</summary>
    private async Task<bool> NothingLeftEncryptedAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        foreach (var provider in providers.Where(p => p.Name != KernelDataProvider.ProviderName))
        {
            foreach (var registerId in provider.Registers)
            {
                if ((await provider.ExportAsync(subject, registerId, cancellationToken)).Count > 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private async Task<string> RestrictAsync(RequestRecord request, List<IPersonalDataProvider> holding, SubjectId? subject, CancellationToken cancellationToken)
    {
        if (subject is not { } s)
        {
            return "The register holds no personal data under the e-mail address given; there was nothing to restrict.";
        }

        var restricted = 0;
        foreach (var provider in holding)
        {
            var count = await provider.RestrictAsync(s, request.Register, true, cancellationToken);
            restricted += count;
            rules.Note(request, $"{provider.Name}: {count} record(s) restricted.");
        }

        return $"Processing of your data is restricted: it is only stored (or used for legal claims) until the restriction is lifted, and you will be told before that ({restricted} record(s)).";
    }

    private async Task<string> ObjectAsync(RequestRecord request, RegisterDeclaration register, SubjectId? subject, string? purposeId, CancellationToken cancellationToken)
    {
        var purpose = register.Purposes.FirstOrDefault(p => p.Id == purposeId)
            ?? throw new RequestRefusedException("purpose", $"Name the purpose objected to; the register's purposes are: {string.Join(", ", register.Purposes.Select(p => p.Id))}.");
        if (subject is { } s)
        {
            rules.Db.Restrictions.Add(new RestrictionRecord { Id = Guid.CreateVersion7(), SubjectId = s.Value, Register = register.Id, Scope = "objection:" + purpose.Id, SinceUtc = rules.UtcNow, RequestReference = request.Reference });
            if (await consents.HasConsentAsync(s, new ConsentPurpose(register.Id, purpose.Id), cancellationToken))
            {
                await consents.WithdrawAsync(s, new ConsentPurpose(register.Id, purpose.Id), new ConsentEvidence(ConsentChannel.Operator, request.Reference), cancellationToken);
            }
        }

        return purpose.Id.Contains("marketing", StringComparison.Ordinal)
            ? $"Your objection to direct marketing ({purpose.Description.In(request.Language)}) took effect: no more marketing is sent or profiled for it (GDPR art. 21(3); 152-FZ art. 15 part 2)."
            : $"Your objection to \"{purpose.Description.In(request.Language)}\" is recorded and the processing stopped, unless compelling legitimate grounds are shown to you (GDPR art. 21(1)).";
    }

    private async Task<string> WithdrawAsync(RequestRecord request, SubjectId? subject, string? purposeId, CancellationToken cancellationToken)
    {
        if (subject is not { } s)
        {
            return "No consent is recorded under the e-mail address given; nothing is processed on the basis of consent.";
        }

        var given = (await consents.CurrentAsync(s, cancellationToken)).Where(c => c.Given && c.Purpose.Register == request.Register && (purposeId is null || c.Purpose.Purpose == purposeId)).ToList();
        foreach (var state in given)
        {
            await consents.WithdrawAsync(s, state.Purpose, new ConsentEvidence(ConsentChannel.Operator, request.Reference), cancellationToken);
        }

        return given.Count == 0
            ? "No consent was in force; nothing is processed on the basis of consent."
            : $"Consent withdrawn for: {string.Join(", ", given.Select(g => g.Purpose.Purpose))}. It took effect immediately.";
    }

    internal async Task<string> RectifyAsync(RequestRecord request, List<IPersonalDataProvider> holding, SubjectId? subject, ExecutionInput input, CancellationToken cancellationToken)
    {
        if (subject is not { } s || input.Record is null || string.IsNullOrWhiteSpace(input.Field) || input.Value is null)
        {
            throw new RequestRefusedException("field", "Choose the record and field to correct and give the corrected value.");
        }

        foreach (var provider in holding)
        {
            var result = await provider.RectifyAsync(s, input.Record, input.Field, input.Value, cancellationToken);
            if (result.Outcome == RectificationOutcome.Rectified)
            {
                rules.Note(request, $"{provider.Name}: {input.Record.RecordType}/{input.Field} corrected.");
                return $"The field \"{input.Field}\" was corrected.";
            }

            if (result.Outcome != RectificationOutcome.NoSuchRecord)
            {
                throw new RequestRefusedException("field", result.Reason ?? $"The field cannot be corrected ({result.Outcome}).");
            }
        }

        throw new RequestRefusedException("record", $"No record {input.Record} of this subject was found.");
    }
}
