using System.Security.Claims;
using Custodian.Privacy.Audit;
using Microsoft.AspNetCore.Http;

namespace Custodian.Privacy.Tests.Audit;

/// <summary>Who an audit entry names: an account id, never a name or e-mail; a visitor; or the system.</summary>
public sealed class HttpCurrentActorTests
{
    [Fact]
    public void A_signed_in_person_is_named_by_account_id_only()
    {
        var context = new DefaultHttpContext { TraceIdentifier = "trace-1" };
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "42"), new Claim(ClaimTypes.Email, "anna@example.org")], "test"));

        var actor = new HttpCurrentActor(new HttpContextAccessor { HttpContext = context });

        Assert.Equal(("account:42", "trace-1"), (actor.Actor, actor.RequestId));
    }

    [Fact]
    public void A_visitor_is_anonymous()
    {
        var actor = new HttpCurrentActor(new HttpContextAccessor { HttpContext = new DefaultHttpContext { TraceIdentifier = "trace-2" } });

        Assert.Equal(("anonymous", "trace-2"), (actor.Actor, actor.RequestId));
    }

    [Fact]
    public void Outside_a_request_the_actor_is_the_system()
    {
        var actor = new HttpCurrentActor(new HttpContextAccessor());

        Assert.Equal(("system", (string?)null), (actor.Actor, actor.RequestId));
    }
}
