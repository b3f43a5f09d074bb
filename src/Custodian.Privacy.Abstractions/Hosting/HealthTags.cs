namespace Custodian.Privacy.Abstractions.Hosting;

/// <summary>
/// Tags that place a health check on the host's endpoints. <c>/healthz/live</c> runs no check (the process answers);
/// <c>/healthz/ready</c> runs the checks tagged <see cref="Ready"/>; <c>/healthz</c> runs them all. A check whose failure
/// should take an instance out of the load balancer fails as Unhealthy; one that leaves serving possible (an analytics
/// shard) fails as Degraded, which keeps ready at 200.
/// </summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
