using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Web.Tests.Routes;

/// <summary>Where a handler reads an input from.</summary>
public enum InputSource
{
    Route,
    QueryOrForm,
    JsonBody,
}

/// <summary>One input a handler binds: its name, type and source (complex JSON bodies carry their properties).</summary>
public sealed record RouteInput(string Name, Type Type, InputSource Source);

/// <summary>One way to call a route: an HTTP method and, for pages, a handler name (null: the unnamed handler or none).</summary>
public sealed record RouteCall(string Method, string? Handler, IReadOnlyList<RouteInput> Inputs)
{
    public string Describe(string pattern) => $"{Method} {pattern}{(Handler is null ? string.Empty : "?handler=" + Handler)}";
}

/// <summary>
/// Who may call an endpoint, as declared in its metadata: allow-anonymous (<see cref="IAllowAnonymous"/>), or the
/// policy combined from its <see cref="IAuthorizeData"/> and <see cref="AuthorizationPolicy"/> items; neither is undeclared.
/// </summary>
public sealed record DeclaredAccess(bool AllowsAnonymous, AuthorizationPolicy? Policy, string Description)
{
    public bool IsDeclared => AllowsAnonymous || Policy is not null;

    public static async Task<DeclaredAccess> OfAsync(Endpoint endpoint, IAuthorizationPolicyProvider policies)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        var policy = await AuthorizationPolicy.CombineAsync(policies, authorize, endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        var description = anonymous ? "anonymous"
            : policy is null ? "UNDECLARED"
            : string.Join(" & ", authorize.Select(a => a.Policy ?? a.Roles ?? "signed-in").DefaultIfEmpty("policy object"));
        return new DeclaredAccess(anonymous, policy, description);
    }
}

/// <summary>One route of the running app: its pattern, whether it is a page or an API, who may call it, and how.</summary>
public sealed record AppRoute(RouteEndpoint Endpoint, string Pattern, bool IsPage, DeclaredAccess Access, IReadOnlyList<RouteCall> Calls)
{
    /// <summary>JSON clients get problem details and bare 401/403; people get pages and redirects (see WebPlatform.IsApi).</summary>
    public bool IsApi => Pattern.StartsWith("/api", StringComparison.Ordinal) || Pattern.StartsWith("/healthz", StringComparison.Ordinal) || Pattern.StartsWith("/local", StringComparison.Ordinal);

    public IEnumerable<RoutePatternParameterPart> RouteParameters => Endpoint.RoutePattern.Parameters;

    /// <summary>The path with each route parameter replaced by <paramref name="valueOf"/> (URL-escaped).</summary>
    public string PathWith(Func<RoutePatternParameterPart, string> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var segments = Endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(valueOf(parameter)),
            _ => throw new NotSupportedException(part.GetType().Name),
        })));
        return "/" + string.Join('/', segments);
    }
}

/// <summary>
/// Every page and endpoint the running app serves, read from its <see cref="EndpointDataSource"/> (so a page or
/// endpoint a module adds tomorrow is in the list without anyone writing it down), with the calls each accepts:
/// pages GET plus POST with each handler; APIs their declared methods (GET and POST when they declare none).
/// </summary>
public static class AppRoutes
{
    public static async Task<IReadOnlyList<AppRoute>> OfAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var pages = services.GetRequiredService<PageLoader>();
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var routes = new List<AppRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var access = await DeclaredAccess.OfAsync(endpoint, policies);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await pages.LoadAsync(page, endpoint.Metadata);
                routes.Add(new AppRoute(endpoint, pattern, IsPage: true, access, PageCalls(compiled)));
            }
            else
            {
                routes.Add(new AppRoute(endpoint, pattern, IsPage: false, access, ApiCalls(endpoint, isService)));
            }
        }

        return [.. routes.OrderBy(r => r.Pattern, StringComparer.Ordinal)];
    }

    private static List<RouteCall> PageCalls(CompiledPageActionDescriptor page)
    {
        var bound = page.BoundProperties.Select(p => new RouteInput(p.Name, p.ParameterType, InputSource.QueryOrForm)).ToList();
        var calls = new List<RouteCall>();
        if (!page.HandlerMethods.Any(h => h.HttpMethod == "Get" && h.Name is null))
        {
            calls.Add(new RouteCall("GET", null, [])); // a page without OnGet still renders on GET
        }

        foreach (var handler in page.HandlerMethods.OrderBy(h => h.HttpMethod, StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal))
        {
            var inputs = handler.Parameters
                .Where(p => p.ParameterType != typeof(CancellationToken))
                .Select(p => new RouteInput(p.Name, p.ParameterType, IsRouteParameter(page, p.Name) ? InputSource.Route : InputSource.QueryOrForm))
                .ToList();
            // [BindProperty] binds on POST only (SupportsGet is off everywhere here).
            calls.Add(new RouteCall(handler.HttpMethod.ToUpperInvariant(), handler.Name, handler.HttpMethod == "Post" ? [.. inputs, .. bound] : inputs));
        }

        return calls;
    }

    private static bool IsRouteParameter(CompiledPageActionDescriptor page, string name) =>
        page.AttributeRouteInfo?.Template?.Contains("{" + name, StringComparison.OrdinalIgnoreCase) == true;

    private static List<RouteCall> ApiCalls(RouteEndpoint endpoint, IServiceProviderIsService isService)
    {
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inputs = new List<RouteInput>();
        foreach (var parameter in endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
        {
            var type = parameter.ParameterType;
            if (type == typeof(CancellationToken) || type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse) || isService.IsService(type))
            {
                continue;
            }

            var source = routeNames.Contains(parameter.Name!) ? InputSource.Route
                : IsSimple(type) ? InputSource.QueryOrForm
                : InputSource.JsonBody;
            inputs.Add(new RouteInput(parameter.Name!, type, source));
        }

        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["GET", "POST"];
        return [.. methods.Select(m => new RouteCall(m, null, inputs))];
    }

    public static bool IsSimple(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(TimeSpan);
    }
}
