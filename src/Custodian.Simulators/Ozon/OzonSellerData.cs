namespace Custodian.Simulators.Ozon;

public sealed record OzonProduct(long ProductId, long Sku, string OfferId, string Name, string Barcode, long CategoryId, decimal Price, decimal OldPrice, DateTime CreatedAt);

public sealed record OzonBuyer(string Name, string Phone, string Address);

/// <summary>One posting (shipment of an order) of one product, as it looks at a moment; <see cref="Buyer"/> only for rFBS postings.</summary>
public sealed record OzonPosting(
    string PostingNumber, long OrderId, string Scheme, OzonProduct Product, int Quantity, decimal Price, DateTime CreatedAt, DateTime InProcessAt, string Status,
    DateTime LastChangedAt, decimal Commission, decimal Payout, string Region, string City, string Warehouse, OzonBuyer? Buyer);

public sealed record OzonTransaction(long OperationId, string Type, string TypeName, DateTime At, string PostingNumber, long Sku, decimal AccrualsForSale, decimal SaleCommission, decimal DeliveryCharge, decimal Amount);

public sealed record OzonReturn(long Id, OzonPosting Posting, DateTime ReturnedAt, string Reason, string Status);

public sealed record OzonReview(string Id, OzonProduct Product, DateTime PublishedAt, int Rating, string Text, string Status);

/// <summary>
/// A seller's Ozon history generated from a seed, like <see cref="Wildberries.WildberriesSellerData"/>: the same seed gives
/// the same postings whenever it is asked. Times are UTC (Ozon's API speaks UTC). A posting moves through
/// awaiting_packaging → delivering → delivered (or cancelled) as the clock passes; a few delivered ones come back.
/// A third of FBS postings are rFBS ones and carry the buyer's name and address — the collector must not keep them.
/// </summary>
public sealed class OzonSellerData(int seed, int products = 30, int days = 90)
{
    private static readonly string[] Names = ["Футболка хлопковая", "Кружка керамическая", "Рюкзак городской", "Полотенце махровое", "Кроссовки беговые", "Худи оверсайз"];
    private static readonly (string Region, string City)[] Places = [("Москва", "Москва"), ("Санкт-Петербург", "Санкт-Петербург"), ("Татарстан", "Казань"), ("Свердловская область", "Екатеринбург"), ("Новосибирская область", "Новосибирск")];
    private static readonly string[] Warehouses = ["ХОРУГВИНО_РФЦ", "ПУШКИНО_1_РФЦ", "КАЗАНЬ_РФЦ", "ЕКАТЕРИНБУРГ_РФЦ_НОВЫЙ"];
    private static readonly string[] BuyerNames = ["Иванов Иван", "Петрова Мария", "Сидоров Сергей", "Кузнецова Ольга"];
    private static readonly string[] ReviewTexts = ["Отличный товар, спасибо!", "Качество среднее.", "Доставили быстро.", "Не подошёл размер."];

    public int Seed => seed;

    public IReadOnlyList<OzonProduct> Products => [.. Enumerable.Range(0, products).Select(Product)];

    /// <summary>Every posting created by <paramref name="now"/> (UTC), with its state at that moment.</summary>
    public IEnumerable<OzonPosting> PostingsAt(DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        for (var day = today.AddDays(-days); day <= today; day = day.AddDays(1))
        {
            for (var p = 0; p < products; p++)
            {
                var random = new Random(Mix(seed, day.DayNumber, p));
                var count = random.Next(0, 4);
                for (var k = 0; k < count; k++)
                {
                    var created = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddSeconds(random.Next(0, 86_400));
                    var fbs = random.NextDouble() < 0.4;
                    var quantity = random.Next(1, 3);
                    var fate = random.NextDouble();
                    var (region, city) = Places[random.Next(Places.Length)];
                    var warehouse = Warehouses[random.Next(Warehouses.Length)];
                    var buyer = new OzonBuyer(BuyerNames[random.Next(BuyerNames.Length)], "+7900" + random.Next(1_000_000, 9_999_999), city + ", ул. Примерная, д. " + random.Next(1, 99));
                    var deliveredAfter = TimeSpan.FromHours(random.Next(30, 120));
                    if (created > now)
                    {
                        continue; // every draw is made first, so a posting not created yet does not shift the ones after it
                    }

                    var product = Product(p);
                    var orderId = 30_000_000_000L + seed * 100_000_000L + day.DayNumber * 1000L + p * 10 + k;
                    var price = product.Price;
                    var (status, changed) = fate < 0.07 && created.AddHours(6) <= now ? ("cancelled", created.AddHours(6))
                        : created + deliveredAfter <= now && fate >= 0.07 ? ("delivered", created + deliveredAfter)
                        : created.AddHours(12) <= now && fate >= 0.07 ? ("delivering", created.AddHours(12))
                        : ("awaiting_packaging", created);
                    var commission = Math.Round(price * quantity * 0.15m, 2);
                    yield return new OzonPosting($"{orderId % 100_000_000}-{k + 1:D4}-1", orderId, fbs ? "fbs" : "fbo", product, quantity, price, created, created.AddMinutes(5), status, changed,
                        status == "cancelled" ? 0 : commission, status == "cancelled" ? 0 : price * quantity - commission, region, city, warehouse, fbs && orderId % 3 == 0 ? buyer : null);
                }
            }
        }
    }

    /// <summary>Returns of delivered postings (about one in thirteen), handed back some days after delivery.</summary>
    public IEnumerable<OzonReturn> ReturnsAt(DateTime now) =>
        PostingsAt(now).Where(p => p.Status == "delivered" && p.OrderId % 13 == 3)
            .Select(p => new OzonReturn(p.OrderId * 10 + 7, p, p.LastChangedAt.AddDays(4), "Не подошёл размер", p.OrderId % 3 == 0 ? "ArrivedAtReturnPlace" : "ReturnedToSeller"))
            .Where(r => r.ReturnedAt <= now);

    /// <summary>Money movements: each delivered posting is paid, each return charged back.</summary>
    public IEnumerable<OzonTransaction> TransactionsAt(DateTime now)
    {
        foreach (var p in PostingsAt(now).Where(p => p.Status == "delivered"))
        {
            var delivery = -(30m + p.Product.Sku % 4 * 10m);
            yield return new OzonTransaction(p.OrderId * 10 + 1, "orders", "Доставка покупателю", p.LastChangedAt, p.PostingNumber, p.Product.Sku, p.Price * p.Quantity, -p.Commission, delivery, p.Payout + delivery);
        }

        foreach (var r in ReturnsAt(now))
        {
            yield return new OzonTransaction(r.Posting.OrderId * 10 + 2, "returns", "Получение возврата", r.ReturnedAt, r.Posting.PostingNumber, r.Posting.Product.Sku, -r.Posting.Price * r.Posting.Quantity, r.Posting.Commission, 0m, -r.Posting.Payout);
        }
    }

    /// <summary>
    /// Reviews of delivered postings (one in four), published two days after delivery; two in three are processed
    /// (answered) a day after publication, the rest stay <c>UNPROCESSED</c> (Ozon's published statuses).
    /// </summary>
    public IEnumerable<OzonReview> ReviewsAt(DateTime now) =>
        PostingsAt(now).Where(p => p.Status == "delivered" && p.OrderId % 4 == 1 && p.LastChangedAt.AddDays(2) <= now)
            .Select(p => new OzonReview("rv" + p.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Product, p.LastChangedAt.AddDays(2), 1 + (int)(p.OrderId % 5), ReviewTexts[p.OrderId % ReviewTexts.Length],
                p.OrderId % 3 != 0 && p.LastChangedAt.AddDays(3) <= now ? "PROCESSED" : "UNPROCESSED"));

    /// <summary>Stock of a product on FBO and FBS at a moment (changes with the hour).</summary>
    public (int Fbo, int FboReserved, int Fbs, int FbsReserved) StockOf(OzonProduct product, DateTime now)
    {
        var random = new Random(Mix(seed, (int)((now - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerHour % 100_000), (int)(product.ProductId % 100_000)));
        return (random.Next(0, 300), random.Next(0, 10), random.Next(0, 50), random.Next(0, 3));
    }

    /// <summary>Per SKU and day: revenue and ordered units (from the postings), views and carts.</summary>
    public IEnumerable<(long Sku, DateOnly Day, decimal Revenue, int OrderedUnits, int HitsView, int HitsToCart, int SessionView)> AnalyticsOn(DateOnly from, DateOnly to, DateTime now)
    {
        var postings = PostingsAt(now).Where(p => DateOnly.FromDateTime(p.CreatedAt) >= from && DateOnly.FromDateTime(p.CreatedAt) <= to)
            .ToLookup(p => (p.Product.Sku, DateOnly.FromDateTime(p.CreatedAt)));
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var product in Products)
            {
                var ordered = postings[(product.Sku, day)].ToList();
                var random = new Random(Mix(seed, day.DayNumber, (int)(product.Sku % 100_000)));
                var carts = ordered.Count * 3 + random.Next(0, 5);
                yield return (product.Sku, day, ordered.Sum(p => p.Price * p.Quantity), ordered.Sum(p => p.Quantity), carts * 8 + random.Next(0, 40), carts, carts * 5 + random.Next(0, 20));
            }
        }
    }

    private static int Mix(int a, int b, int c) => unchecked((a * 73_856_093) ^ (b * 19_349_663) ^ (c * 83_492_791)) & int.MaxValue;

    private OzonProduct Product(int index)
    {
        var random = new Random(Mix(seed, -7, index));
        var price = 400 + random.Next(0, 40) * 50;
        return new OzonProduct(
            700_000_000 + seed * 1000L + index, 1_700_000_000 + seed * 1000L + index, $"OZ-{seed}-{index:D3}", Names[index % Names.Length] + " " + index,
            (4_600_000_000_000 + seed * 100_000L + index).ToString(System.Globalization.CultureInfo.InvariantCulture), 17_028_000 + index % 6, price, Math.Round(price * 1.25m, 0),
            new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(index));
    }
}
