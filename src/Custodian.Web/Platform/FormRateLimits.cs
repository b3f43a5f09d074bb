using System.Globalization;
using System.Threading.RateLimiting;
using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.RateLimiting;

namespace Custodian.Web.Platform;

/// <summary>
/// Public forms that send mail (privacy requests: each one e-mails a confirmation link; the sellers' sign-in link form)
/// are limited per client address, so nobody can flood a stranger's mailbox or the operators' queue:
/// <c>Privacy:Requests:PerClientPer10Minutes</c> submissions (default 20) per address; reading the form is not limited.
/// Over the limit: 429 with Retry-After. Many client addresses asking for one mailbox are the module's to stop (the
/// marketplace counts sign-in links per target address, <c>Marketplace:SignInLinks:*</c>).
/// </summary>
public static class FormRateLimits
{
    public static WebApplicationBuilder AddFormRateLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var permits = int.TryParse(builder.Configuration["Privacy:Requests:PerClientPer10Minutes"], CultureInfo.InvariantCulture, out var configured) && configured > 0 ? configured : 20;
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "600";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SubmitRequest.RateLimitPolicy, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(10),
                    QueueLimit = 0,
                }));
        });
        return builder;
    }
}
