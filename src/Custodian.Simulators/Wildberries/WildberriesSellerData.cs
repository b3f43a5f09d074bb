namespace Custodian.Simulators.Wildberries;

/// <summary>One order as the statistics API shows it at a moment (cancelled or not yet).</summary>
public sealed record SimulatedOrder(
    string Srid, string GNumber, DateTime OrderedAt, DateTime LastChangeDate, SimulatedProduct Product, string Warehouse, string Region, string Okrug,
    decimal TotalPrice, int DiscountPercent, decimal Spp, decimal PriceWithDisc, decimal FinishedPrice, bool IsCancel, DateTime? CancelDate);

/// <summary>One sale (saleID S…) or return (R…) as the statistics API shows it at a moment.</summary>
public sealed record SimulatedSale(
    string SaleId, string Srid, string GNumber, DateTime SoldAt, DateTime LastChangeDate, SimulatedProduct Product, string Warehouse, string Region, string Okrug,
    decimal TotalPrice, int DiscountPercent, decimal Spp, decimal PriceWithDisc, decimal FinishedPrice, decimal ForPay, decimal PaymentSaleAmount);

/// <summary>A row of the detailed realization (finance) report: one sale or return with what the seller is paid.</summary>
public sealed record SimulatedReportRow(long RrdId, SimulatedSale Sale, string Operation, decimal RetailAmount, decimal ForPay, decimal DeliveryRub);

/// <summary>A buyer's review of a product, with the name the buyer shows (personal data the collector must drop).</summary>
public sealed record SimulatedFeedback(string Id, SimulatedProduct Product, DateTime CreatedAt, int Rating, string Text, string UserName, string? Answer);

public sealed record SimulatedProduct(long NmId, string Article, string Barcode, string Category, string Subject, string Brand, string Size, decimal BasePrice);

/// <summary>
/// A seller's Wildberries history generated from a seed: the same seed gives the same orders for the same days,
/// whenever it is asked, so collectors can be checked against the exact totals. Times are Moscow time without an
/// offset, as the API gives them. Cancellations, sales and returns happen days after the order and become visible
/// (with a newer lastChangeDate) only once that moment has passed; on the day of a sale its <c>forPay</c> is still 0.
/// </summary>
public sealed class WildberriesSellerData(int seed, int products = 40, int days = 120)
{
    private static readonly string[] Warehouses = ["Коледино", "Электросталь", "Казань", "Краснодар", "Екатеринбург - Испытателей 14г", "Новосибирск"];
    private static readonly (string Region, string Okrug)[] Regions =
        [("Москва", "Центральный федеральный округ"), ("Санкт-Петербург", "Северо-Западный федеральный округ"), ("Республика Татарстан", "Приволжский федеральный округ"),
         ("Краснодарский край", "Южный федеральный округ"), ("Свердловская область", "Уральский федеральный округ"), ("Новосибирская область", "Сибирский федеральный округ")];
    private static readonly (string Category, string Subject)[] Subjects =
        [("Одежда", "Футболки"), ("Одежда", "Худи"), ("Дом", "Полотенца"), ("Дом", "Кружки"), ("Обувь", "Кроссовки"), ("Аксессуары", "Рюкзаки")];
    private static readonly string[] Sizes = ["S", "M", "L", "XL", "0"];

    public static readonly TimeSpan MoscowOffset = TimeSpan.FromHours(3);

    public int Seed => seed;

    public IReadOnlyList<SimulatedProduct> Products => [.. Enumerable.Range(0, products).Select(Product)];

    /// <summary>Orders placed in the simulated period, each as it looks at <paramref name="nowMoscow"/>.</summary>
    public IEnumerable<SimulatedOrder> OrdersAt(DateTime nowMoscow)
    {
        foreach (var story in Stories(nowMoscow))
        {
            var cancelled = story.CancelledAt is { } c && c <= nowMoscow;
            var change = cancelled ? story.CancelledAt!.Value : story.ChangedAt <= nowMoscow ? story.ChangedAt : story.OrderedAt;
            yield return new SimulatedOrder(story.Srid, story.GNumber, story.OrderedAt, change, story.Product, story.Warehouse, story.Region, story.Okrug,
                story.Product.BasePrice, story.Discount, story.Spp, story.PriceWithDisc, story.FinishedPrice, cancelled, cancelled ? story.CancelledAt : null);
        }
    }

    /// <summary>Sales and returns that happened by <paramref name="nowMoscow"/>.</summary>
    public IEnumerable<SimulatedSale> SalesAt(DateTime nowMoscow)
    {
        foreach (var story in Stories(nowMoscow))
        {
            if (story.SoldAt is { } sold && sold <= nowMoscow)
            {
                yield return Sale("S", story, sold, nowMoscow, 1);
            }

            if (story.ReturnedAt is { } returned && returned <= nowMoscow)
            {
                yield return Sale("R", story, returned, nowMoscow, -1);
            }
        }
    }

    /// <summary>
    /// The finance report as of <paramref name="nowMoscow"/>: every settled sale and return (not those of today), numbered
    /// by <c>rrdId</c> from the moment it happened (seconds, then a counter within the second), so a row keeps its number
    /// and later rows get higher ones however the simulated history window moves.
    /// </summary>
    public IEnumerable<SimulatedReportRow> ReportAt(DateTime nowMoscow)
    {
        var (second, within) = (0L, 0);
        foreach (var sale in SalesAt(nowMoscow).Where(s => s.SoldAt.Date < nowMoscow.Date).OrderBy(s => s.SoldAt).ThenBy(s => s.SaleId, StringComparer.Ordinal))
        {
            var at = (long)(sale.SoldAt - new DateTime(2020, 1, 1)).TotalSeconds;
            (second, within) = at == second ? (second, within + 1) : (at, 0);
            var isReturn = sale.SaleId[0] == 'R';
            yield return new SimulatedReportRow((at * 100) + within, sale, isReturn ? "Возврат" : "Продажа", Math.Abs(sale.PriceWithDisc), Math.Abs(sale.ForPay), isReturn ? 0m : 50m + (sale.Product.NmId % 5) * 10m);
        }
    }

    private static readonly string[] ReviewTexts =
    [
        "Всё отлично, соответствует описанию.", "Качество хорошее, размер подошёл.", "Пришло быстро, упаковка целая.",
        "Цвет немного отличается от фото.", "Маломерит, пришлось вернуть.", "Цена и качество на уровне, рекомендую.",
    ];

    private static readonly string[] BuyerNames = ["Анна", "Иван", "Мария", "Сергей", "Ольга", "Дмитрий", "Елена"];

    /// <summary>Reviews written by <paramref name="nowMoscow"/>: about a third of sales get one, a few days after delivery.</summary>
    public IEnumerable<SimulatedFeedback> FeedbacksAt(DateTime nowMoscow)
    {
        foreach (var story in Stories(nowMoscow))
        {
            if (story.SoldAt is not { } sold || story.Minute % 3 != 0)
            {
                continue;
            }

            var created = sold.AddDays(1 + (story.Minute % 5)).AddMinutes(story.Minute);
            if (created > nowMoscow)
            {
                continue;
            }

            var rating = 1 + (story.Discount + story.Minute) % 5;
            var answered = created.AddDays(1) <= nowMoscow && story.Minute % 2 == 0;
            yield return new SimulatedFeedback("fb" + story.Srid[1..].Replace(".", "x", StringComparison.Ordinal), story.Product, created, rating,
                ReviewTexts[story.Minute % ReviewTexts.Length], BuyerNames[story.Minute % BuyerNames.Length], answered ? "Спасибо за отзыв!" : null);
        }
    }

    private static SimulatedSale Sale(string kind, Story story, DateTime at, DateTime nowMoscow, int sign)
    {
        // The marketplace fills in the payout the day after: a row of today still has forPay 0.
        var settled = at.Date < nowMoscow.Date;
        var forPay = settled ? sign * Math.Round(story.PriceWithDisc * 0.78m, 2) : 0m;
        var change = settled ? at.Date.AddDays(1).AddHours(3).AddMinutes(story.Minute) : at;
        if (change > nowMoscow)
        {
            change = at;
        }

        return new SimulatedSale(kind + story.Srid[1..].Replace(".", "", StringComparison.Ordinal), story.Srid, story.GNumber, at, change, story.Product, story.Warehouse, story.Region, story.Okrug,
            sign * story.Product.BasePrice, story.Discount, story.Spp, sign * story.PriceWithDisc, sign * story.FinishedPrice, forPay, sign * story.FinishedPrice);
    }

    private sealed record Story(
        string Srid, string GNumber, SimulatedProduct Product, DateTime OrderedAt, DateTime ChangedAt, int Minute, string Warehouse, string Region, string Okrug,
        int Discount, decimal Spp, decimal PriceWithDisc, decimal FinishedPrice, DateTime? CancelledAt, DateTime? SoldAt, DateTime? ReturnedAt);

    private IEnumerable<Story> Stories(DateTime nowMoscow)
    {
        var today = DateOnly.FromDateTime(nowMoscow);
        for (var day = today.AddDays(-days); day <= today; day = day.AddDays(1))
        {
            for (var p = 0; p < products; p++)
            {
                var random = new Random(Mix(seed, day.DayNumber, p));
                var count = random.Next(0, 5);
                var product = Product(p);
                for (var k = 0; k < count; k++)
                {
                    var ordered = day.ToDateTime(TimeOnly.MinValue).AddSeconds(random.Next(0, 86_400));
                    var minute = random.Next(1, 120);
                    var discount = 10 + random.Next(0, 5) * 10;
                    var spp = random.Next(0, 26);
                    var withDisc = Math.Round(product.BasePrice * (100 - discount) / 100m, 2);
                    var finished = Math.Round(withDisc * (100 - spp) / 100m, 2);
                    var fate = random.NextDouble();
                    var (region, okrug) = Regions[random.Next(Regions.Length)];
                    DateTime? cancelled = fate < 0.08 ? ordered.AddHours(random.Next(2, 48)) : null;
                    DateTime? sold = fate >= 0.15 ? ordered.AddDays(random.Next(2, 6)).AddMinutes(random.Next(0, 600)) : null;
                    DateTime? returned = sold is { } s && fate > 0.95 ? s.AddDays(random.Next(3, 12)) : null;
                    var basket = (1000000 + seed * 10000 + random.Next(10000)).ToString(System.Globalization.CultureInfo.InvariantCulture) + day.DayNumber;
                    var warehouse = Warehouses[random.Next(Warehouses.Length)];
                    if (ordered > nowMoscow)
                    {
                        continue; // every draw is made first, so an order not placed yet does not shift the ones after it
                    }

                    yield return new Story($"d{seed}.{day.DayNumber}.{p}.{k}", basket, product, ordered, ordered.AddMinutes(minute), minute, warehouse, region, okrug,
                        discount, spp, withDisc, finished, cancelled, sold, returned);
                }
            }
        }
    }

    /// <summary>A seed from three numbers that is the same in every process (unlike <see cref="HashCode"/>).</summary>
    private static int Mix(int a, int b, int c) => unchecked((a * 73_856_093) ^ (b * 19_349_663) ^ (c * 83_492_791)) & int.MaxValue;

    private SimulatedProduct Product(int index)
    {
        var random = new Random(Mix(seed, -1, index));
        var (category, subject) = Subjects[index % Subjects.Length];
        return new SimulatedProduct(
            100_000_000 + seed * 1000L + index,
            $"ART-{seed}-{index:D3}",
            (2_000_000_000_000 + seed * 100_000L + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
            category, subject, "Custodian Demo " + (char)('A' + seed % 26), Sizes[index % Sizes.Length],
            300 + random.Next(0, 48) * 100);
    }
}
