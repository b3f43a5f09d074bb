namespace Custodian.Web;

/// <summary>Anchor type for the shared string resources (Resources/SharedResource.*.resx).</summary>
public sealed class SharedResource
{
    private SharedResource()
    {
    }
}
