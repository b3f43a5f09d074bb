using Custodian.Privacy.Declarations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Privacy;

/// <summary>The privacy kernel's registration (<c>builder.AddPrivacyKernel()</c>) and endpoints (<c>app.MapPrivacyKernel()</c>).</summary>
public static class PrivacyKernel
{
    public static IHostApplicationBuilder AddPrivacyKernel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(_ => RegisterCatalog.Load(RegistersPath(configuration)));
        builder.Services.AddHostedService<KernelStartupChecks>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPrivacyKernel(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGroup("/api").WithTags("Privacy").MapListRegisters();
        return endpoints;
    }

    /// <summary><c>Privacy:RegistersPath</c>, default the <c>registers</c> folder shipped next to the binaries.</summary>
    public static string RegistersPath(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[RegisterCatalog.PathSetting] is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(AppContext.BaseDirectory, "registers");
    }
}
