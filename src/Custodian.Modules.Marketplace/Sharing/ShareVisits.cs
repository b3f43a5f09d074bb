using Custodian.Privacy.Abstractions.TechnicalAccess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>
/// Records each request to a shared or embedded dashboard in the kernel's technical access store once its response is
/// complete (time, address, browser, status, bytes sent), under the link's id, never a person's.
/// </summary>
internal static partial class ShareVisits
{
    public const string Register = "marketplace-sellers";

    public static string Resource(Guid? linkId) => "share-link:" + (linkId?.ToString("N") ?? "unknown");

    public static void RecordWhenDone(HttpContext context, Func<Guid?> linkId)
    {
        var counting = new CountingStream(context.Response.Body);
        context.Response.Body = counting;
        var services = context.RequestServices;
        var at = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var address = context.Connection.RemoteIpAddress?.ToString();
        var browser = context.Request.Headers.UserAgent.ToString();
        context.Response.OnCompleted(async () =>
        {
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<ITechnicalAccessLog>()
                    .RecordAsync(new TechnicalVisit(Register, Resource(linkId()), at, address, browser, context.Response.StatusCode, counting.Written), CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                NotRecorded(scope.ServiceProvider.GetRequiredService<ILogger<TechnicalVisit>>(), e.GetType().Name);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A share-link visit was not recorded in the technical access store ({Error}).")]
    private static partial void NotRecorded(ILogger logger, string error);

    /// <summary>Passes writes through and counts their bytes.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
