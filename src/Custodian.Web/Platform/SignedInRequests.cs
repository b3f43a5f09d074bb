using System.Globalization;
using Custodian.Privacy.Requests;

namespace Custodian.Web.Platform;

/// <summary>
/// A signed-in person's request about their own data, carried out at once through the kernel's request flow: taken
/// (with its reference and due date, like any request), verified by the session itself, executed. The request record
/// and its signed receipt are kept as for any other request.
/// </summary>
public sealed class SignedInRequests(SubmitRequest.Intake intake, VerifyRequest verify, ExecuteRequest execute)
{
    public async Task<ExecutionResult> RunAsync(string register, string kind, string email, string signedInHow, CancellationToken cancellationToken)
    {
        var receipt = await intake.SubmitAsync(
            new SubmitRequest.Request(register, kind, email, "Asked on the account page while signed in.", CultureInfo.CurrentUICulture.TwoLetterISOLanguageName),
            RequestChannel.WebForm, receivedOn: null, cancellationToken);
        await verify.VerifyAsync(receipt.Reference, VerificationMethod.SignedIn, signedInHow, subject: null, cancellationToken);
        return await execute.ExecuteAsync(receipt.Reference, new ExecutionInput(), cancellationToken);
    }
}
