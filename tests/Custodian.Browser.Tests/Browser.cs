using Custodian.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Custodian.Browser.Tests;

/// <summary>Debian's Chromium, headless, driven by Debian's ChromeDriver. One per test.</summary>
public sealed class Browser : IDisposable
{
    private Browser(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    /// <summary>Starts a browser; files it downloads land in <paramref name="downloads"/> when given.</summary>
    public static Browser Start(string? downloads = null)
    {
        RequiredServer.Chromium();
        var options = new ChromeOptions { BinaryLocation = RequiredServer.ChromiumPath };
        var profile = Directory.CreateTempSubdirectory("custodian-chromium-").FullName;
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--lang=en-GB", "--user-data-dir=" + profile);
        options.AddUserProfilePreference("intl.accept_languages", "en-GB,en");
        if (downloads is not null)
        {
            options.AddUserProfilePreference("download.default_directory", downloads);
            options.AddUserProfilePreference("download.prompt_for_download", false);
        }

        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(RequiredServer.ChromeDriverPath)!, Path.GetFileName(RequiredServer.ChromeDriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        service.LogPath = Path.Combine(profile, "chromedriver.log");
        try
        {
            return new Browser(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
        }
        catch (Exception e) when (e is WebDriverException or InvalidOperationException)
        {
            // The exception alone often says only that the session or the driver did not start; the log says why.
            service.Dispose();
            var log = File.Exists(service.LogPath) ? File.ReadAllText(service.LogPath) : "(chromedriver wrote no log)";
            throw new InvalidOperationException(
                $"Chromium did not start: {e.Message}\n--- {service.LogPath} ---\n{(log.Length > 20_000 ? log[^20_000..] : log)}\n--- end ---", e);
        }
    }

    /// <summary>
    /// The <paramref name="count"/> files of <paramref name="folder"/> whose names pass <paramref name="wanted"/> once
    /// all are written, else null: Chromium reserves a download's final name with an empty file and renames its
    /// <c>.crdownload</c> onto it when done, so a name alone does not mean the bytes are there.
    /// </summary>
    public static string[]? FinishedDownloads(string folder, Func<string, bool> wanted, int count)
    {
        var files = Directory.GetFiles(folder).Where(f => !f.EndsWith(".crdownload", StringComparison.Ordinal) && wanted(f)).ToArray();
        return files.Length == count && Directory.GetFiles(folder, "*.crdownload").Length == 0 && files.All(f => new FileInfo(f).Length > 0) ? files : null;
    }

    /// <summary>Polls until the condition holds (page loads after a form post are asynchronous to the driver).</summary>
    public T WaitFor<T>(Func<IWebDriver, T?> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                if (condition(Driver) is { } value && (value is not bool b || b))
                {
                    return value;
                }
            }
            catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException)
            {
                // The page is being replaced; look again.
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what} on {Driver.Url}.");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Saves a screenshot under TestResults/screenshots and attaches it to the test result.</summary>
    public string Screenshot(string name)
    {
        var folder = Path.Combine(Repository.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        TestContext.Current.AddAttachment(name, File.ReadAllBytes(path), "image/png");
        return path;
    }

    /// <summary>Waits for the latest mail to <paramref name="address"/> with a link to <paramref name="path"/> and returns the link.</summary>
    public string LinkIn(Custodian.Simulators.Smtp.SmtpSimulator mailbox, string address, string path)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return WaitFor(_ => mailbox.To(address)
            .Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).TextBody)
            .Select(body => System.Text.RegularExpressions.Regex.Match(body ?? string.Empty, "http://[^\\s]+" + System.Text.RegularExpressions.Regex.Escape(path) + "[A-Za-z0-9_-]+"))
            .LastOrDefault(m => m.Success)?.Value, "the e-mail with " + path);
    }

    public IReadOnlyList<string> ConsoleErrors() =>
        Driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
