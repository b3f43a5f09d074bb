using System.Globalization;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Consent;
using Custodian.Privacy.Declarations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.Privacy;

/// <summary>The page a withdrawal link opens: one button, effective at once. No sign-in: the link is the proof.</summary>
public sealed class WithdrawConsentModel(ConsentLinks links, IConsentLedger ledger, RegisterCatalog registers) : PageModel
{
    public enum State
    {
        InvalidLink,
        Given,
        NotGiven,
        Withdrawn,
    }

    public State Outcome { get; private set; }

    public string Register { get; private set; } = string.Empty;

    public string PurposeText { get; private set; } = string.Empty;

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (Read(token) is not var (subject, purpose))
        {
            return;
        }

        Outcome = await ledger.HasConsentAsync(subject, purpose, cancellationToken) ? State.Given : State.NotGiven;
    }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (Read(token) is not var (subject, purpose))
        {
            return;
        }

        await ledger.WithdrawAsync(subject, purpose, new ConsentEvidence(ConsentChannel.WebForm, "withdraw-link"), cancellationToken);
        Outcome = State.Withdrawn;
    }

    private (SubjectId Subject, ConsentPurpose Purpose)? Read(string token)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (!links.TryRead(token, out var subject, out var purpose)
            || registers.Find(purpose.Register) is not { } register
            || register.Purposes.FirstOrDefault(p => p.Id == purpose.Purpose) is not { } declared)
        {
            Outcome = State.InvalidLink;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        Register = register.Title.In(language);
        PurposeText = declared.Description.In(language);
        return (subject, purpose);
    }
}
