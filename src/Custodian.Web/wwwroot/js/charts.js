// Draws every dashboard chart: a div.chart and, beside it, a script.chart-data holding
// { kind: "line"|"bar", horizontal, categories: [...], series: [{ name, money, values }] }.
// Numbers are formatted in the page's language; the table view under each chart holds the same values.
document.addEventListener("DOMContentLoaded", () => {
    if (typeof echarts === "undefined") {
        return;
    }
    const language = document.documentElement.lang || "en";
    const count = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    const money = new Intl.NumberFormat(language, { style: "currency", currency: "RUB", maximumFractionDigits: 0 });
    const charts = [];
    for (const source of document.querySelectorAll("script.chart-data")) {
        const element = document.getElementById(source.dataset.for);
        if (!element) {
            continue;
        }
        const data = JSON.parse(source.textContent);
        const anyMoney = data.series.some(s => s.money);
        const valueAxis = { type: "value", axisLabel: { formatter: v => (anyMoney ? money : count).format(v) } };
        const categoryAxis = { type: "category", data: data.categories, axisLabel: { hideOverlap: true } };
        const chart = echarts.init(element, null, { renderer: "canvas" });
        chart.setOption({
            animation: false,
            tooltip: { trigger: "axis", valueFormatter: v => v === null || v === undefined ? "–" : (anyMoney ? money : count).format(v) },
            legend: { top: 0 },
            grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
            xAxis: data.horizontal ? valueAxis : categoryAxis,
            yAxis: data.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
            series: data.series.map(s => ({ name: s.name, type: data.kind, data: s.values, showSymbol: false, smooth: false })),
        });
        element.dataset.drawn = "true";
        charts.push(chart);
    }
    window.addEventListener("resize", () => charts.forEach(c => c.resize()));
});
