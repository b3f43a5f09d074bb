using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.Localization;

namespace Custodian.Web.Platform;

/// <summary>The links the enabled modules and the kernel put into the shell (navigation, home cards, operator console, sign-in), in the request's language.</summary>
public sealed class ShellLinks(IEnumerable<ShellLink> links, IStringLocalizerFactory texts)
{
    public sealed record Shown(string Href, string Title, string? Description, string? Key);

    public IReadOnlyList<Shown> At(ShellPlace place) =>
        [.. links.Where(l => l.Place == place).OrderBy(l => l.Order).ThenBy(l => l.Href, StringComparer.Ordinal).Select(l =>
        {
            var localiser = texts.Create(l.Texts);
            return new Shown(l.Href, localiser[l.Title].Value, l.Description is { } d ? localiser[d].Value : null, l.Key);
        })];
}
