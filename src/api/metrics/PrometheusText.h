#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qd::api {

// Writes metric families in Prometheus' text exposition format (version 0.0.4) straight into
// one string. /metrics builds its per-cluster gauges fresh on every scrape; through
// prometheus-cpp's Registry that meant a map of labels, a hash lookup and a heap object per
// series and an iostream per value: 250-300 ms of CPU for the 60 000 series of 2 000
// clusters (docs/benchmarks.md). The persistent counters and histograms stay in prometheus-cpp.
class PrometheusText final {
public:
    using Label = std::pair<std::string_view, std::string_view>;

    // Families are written in the order declared; each family's samples together (the format
    // requires it), in the order added.
    class Family {
    public:
        // Labels as given; values are escaped here (\\, \" and \n).
        void add(std::initializer_list<Label> labels, double value);

    private:
        friend class PrometheusText;
        Family(std::string_view name, std::string_view help, std::string_view type);

        std::string m_name;
        std::string m_help;
        std::string m_type;
        std::string m_samples;
    };

    Family& gauge(std::string_view name, std::string_view help);
    Family& counter(std::string_view name, std::string_view help);

    // Every family: "# HELP", "# TYPE", then its samples.
    std::string text() const;

    static void appendValue(std::string& out, double value);
    static void appendEscaped(std::string& out, std::string_view labelValue);

private:
    // Stable addresses: callers hold Family& while declaring more.
    std::vector<std::unique_ptr<Family>> m_families;
};

} // namespace qd::api
