#include "api/metrics/PrometheusText.h"

#include <array>
#include <charconv>
#include <cmath>

namespace qd::api {

PrometheusText::Family::Family(std::string_view name, std::string_view help, std::string_view type)
    : m_name(name), m_help(help), m_type(type)
{
}

void PrometheusText::Family::add(std::initializer_list<Label> labels, double value)
{
    m_samples += m_name;
    if (labels.size() > 0) {
        char separator = '{';
        for (const Label& label : labels) {
            m_samples += separator;
            m_samples += label.first;
            m_samples += "=\"";
            appendEscaped(m_samples, label.second);
            m_samples += '"';
            separator = ',';
        }
        m_samples += '}';
    }
    m_samples += ' ';
    appendValue(m_samples, value);
    m_samples += '\n';
}

PrometheusText::Family& PrometheusText::gauge(std::string_view name, std::string_view help)
{
    m_families.push_back(std::unique_ptr<Family>(new Family(name, help, "gauge")));
    return *m_families.back();
}

PrometheusText::Family& PrometheusText::counter(std::string_view name, std::string_view help)
{
    m_families.push_back(std::unique_ptr<Family>(new Family(name, help, "counter")));
    return *m_families.back();
}

std::string PrometheusText::text() const
{
    std::size_t size = 0;
    for (const auto& family : m_families)
        size += family->m_samples.size() + family->m_help.size() + 2 * family->m_name.size() + 32;
    std::string out;
    out.reserve(size);
    for (const auto& family : m_families) {
        out += "# HELP ";
        out += family->m_name;
        out += ' ';
        // HELP text escapes backslash and newline only.
        for (const char c : family->m_help) {
            if (c == '\\')
                out += "\\\\";
            else if (c == '\n')
                out += "\\n";
            else
                out += c;
        }
        out += "\n# TYPE ";
        out += family->m_name;
        out += ' ';
        out += family->m_type;
        out += '\n';
        out += family->m_samples;
    }
    return out;
}

void PrometheusText::appendValue(std::string& out, double value)
{
    if (std::isnan(value)) {
        out += "NaN";
        return;
    }
    if (std::isinf(value)) {
        out += value > 0 ? "+Inf" : "-Inf";
        return;
    }
    // The shortest text that reads back as the same double ("3", "0.25", "1e+21").
    std::array<char, 32> buffer {};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    out.append(buffer.data(), result.ptr);
}

void PrometheusText::appendEscaped(std::string& out, std::string_view labelValue)
{
    for (const char c : labelValue) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
}

} // namespace qd::api
