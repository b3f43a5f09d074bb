using System.Globalization;
using Custodian.Privacy.Abstractions.Requests;

namespace Custodian.Privacy.Requests;

/// <summary>
/// A signed-in person's request about their own data, carried out at once through the kernel's request flow: taken
/// (with its reference and due date, like any request), verified by the session itself, executed. The request record
/// and its signed receipt are kept as for any other request.
/// </summary>
internal sealed class SignedInRequests(SubmitRequest.Intake intake, VerifyRequest verify, ExecuteRequest execute) : ISignedInRequests
{
    public Task<SignedInRequestResult> RunAsync(string registerId, string kind, string email, string signedInHow, CancellationToken cancellationToken) =>
        RunAsync(registerId, kind, email, signedInHow, new ExecutionInput(), cancellationToken);

    public Task<SignedInRequestResult> CorrectAsync(string registerId, string email, string signedInHow, RecordRef record, string field, string value, CancellationToken cancellationToken) =>
        RunAsync(registerId, "rectification", email, signedInHow, new ExecutionInput(Record: record, Field: field, Value: value), cancellationToken);

    private async Task<SignedInRequestResult> RunAsync(string registerId, string kind, string email, string signedInHow, ExecutionInput input, CancellationToken cancellationToken)
    {
        try
        {
            var receipt = await intake.SubmitAsync(
                new SubmitRequest.Request(registerId, kind, email, "Asked on the account page while signed in.", CultureInfo.CurrentUICulture.TwoLetterISOLanguageName),
                RequestChannel.WebForm, receivedOn: null, cancellationToken);
            await verify.VerifyAsync(receipt.Reference, VerificationMethod.SignedIn, signedInHow, subject: null, cancellationToken);
            var result = await execute.ExecuteAsync(receipt.Reference, input, cancellationToken);
            return new SignedInRequestResult(Taken: true, result.Outcome, result.DownloadToken);
        }
        catch (RequestRefusedException e)
        {
            return new SignedInRequestResult(Taken: false, e.Message, DownloadToken: null);
        }
    }
}
