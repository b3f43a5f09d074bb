using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Custodian.Simulators.Smtp;

/// <summary>One message the simulated server accepted: envelope and the raw RFC 5322 text.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data, DateTimeOffset ReceivedAt);

/// <summary>
/// A loopback SMTP server (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT) that
/// keeps what it receives, optionally also as .eml files for a person to open. <see cref="RefuseNext"/> answers the
/// next messages with <c>451</c> like a mail server that is briefly unavailable; <see cref="Hang"/> leaves every
/// message unanswered until <see cref="Release"/>, like one that hangs.
/// </summary>
public sealed class SmtpSimulator : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly string? _saveFolder;
    private readonly Task _accepting;
    private int _refuse;
    private TaskCompletionSource? _release;
    private TaskCompletionSource _hanging = NewSignal();
    private TaskCompletionSource _arrival = NewSignal();

    private SmtpSimulator(TcpListener listener, string? saveFolder)
    {
        _listener = listener;
        _saveFolder = saveFolder;
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyCollection<ReceivedMail> Received => _received;

    public static SmtpSimulator Start(string? saveFolder = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new SmtpSimulator(listener, saveFolder);
    }

    public void RefuseNext(int messages) => Interlocked.Exchange(ref _refuse, messages);

    /// <summary>From now on each message's data is read and then left unanswered (the client waits) until <see cref="Release"/>.</summary>
    public void Hang()
    {
        _hanging = NewSignal();
        Volatile.Write(ref _release, NewSignal());
    }

    /// <summary>Completes when a client is left waiting by <see cref="Hang"/>: whoever sends is stuck in the mail server now.</summary>
    public Task Hanging => _hanging.Task;

    /// <summary>Answers the messages left waiting (they are accepted) and stops hanging.</summary>
    public void Release() => Interlocked.Exchange(ref _release, null)?.TrySetResult();

    /// <summary>The messages sent to <paramref name="address"/> once there are at least <paramref name="count"/> of them.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesToAsync(string address, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var arrival = Volatile.Read(ref _arrival);
            if (To(address) is { } messages && messages.Count >= count)
            {
                return messages;
            }

            await arrival.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The messages sent to <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> To(string address) => [.. _received.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase))];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client), _stop.Token);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8); // 8BITMIME: bodies may be raw UTF-8
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost Custodian SMTP simulator");
        string? from = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost\r\n250-8BITMIME\r\n250 SIZE 10485760");
                    break;
                case "HELO":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "MAIL":
                    from = Address(line);
                    to.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    to.Add(Address(line));
                    await writer.WriteLineAsync(from is null ? "503 MAIL first" : "250 OK");
                    break;
                case "DATA" when from is null || to.Count == 0:
                    await writer.WriteLineAsync("503 RCPT first");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    if (Volatile.Read(ref _release) is { } release)
                    {
                        _hanging.TrySetResult();
                        await release.Task.WaitAsync(_stop.Token);
                    }

                    if (Interlocked.Decrement(ref _refuse) >= 0)
                    {
                        await writer.WriteLineAsync("451 4.3.0 Temporary failure, try again later");
                    }
                    else
                    {
                        Interlocked.Exchange(ref _refuse, 0);
                        var mail = new ReceivedMail(from, [.. to], data.ToString(), TimeProvider.System.GetUtcNow());
                        _received.Enqueue(mail);
                        Interlocked.Exchange(ref _arrival, NewSignal()).TrySetResult();
                        await SaveAsync(mail);
                        await writer.WriteLineAsync("250 OK queued");
                    }

                    (from, to) = (null, []);
                    break;
                case "RSET":
                    (from, to) = (null, []);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    private async Task SaveAsync(ReceivedMail mail)
    {
        if (_saveFolder is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(_saveFolder); // on first use: the host checks its data folder itself at start-up
            await File.WriteAllTextAsync(Path.Combine(_saveFolder, $"{mail.ReceivedAt:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml"), mail.Data, _stop.Token);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The copy on disk is a convenience; the message is still in Received.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
