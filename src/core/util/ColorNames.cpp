#include "core/util/ColorNames.h"

#include <QRegularExpression>

#include <array>
#include <utility>

namespace qd {
namespace {

// The names an operator is likely to write: the CSS basic colours, common extended ones and the
// terminal colours of the API's examples. Values are chosen to stay legible as tab colours.
constexpr std::array<std::pair<QStringView, QStringView>, 38> kNames {{
    {u"black", u"#000000"},
    {u"white", u"#ffffff"},
    {u"gray", u"#808080"},
    {u"grey", u"#808080"},
    {u"silver", u"#c0c0c0"},
    {u"red", u"#d32f2f"},
    {u"maroon", u"#800000"},
    {u"green", u"#2e7d32"},
    {u"lime", u"#00ff00"},
    {u"olive", u"#808000"},
    {u"yellow", u"#f9a825"},
    {u"gold", u"#ffd700"},
    {u"orange", u"#ef6c00"},
    {u"amber", u"#ffb300"},
    {u"blue", u"#1565c0"},
    {u"navy", u"#000080"},
    {u"teal", u"#00897b"},
    {u"aqua", u"#00ffff"},
    {u"cyan", u"#00acc1"},
    {u"purple", u"#6a1b9a"},
    {u"violet", u"#8e24aa"},
    {u"magenta", u"#c2185b"},
    {u"fuchsia", u"#ff00ff"},
    {u"pink", u"#ec407a"},
    {u"brown", u"#6d4c41"},
    {u"indigo", u"#3949ab"},
    {u"turquoise", u"#40e0d0"},
    {u"coral", u"#ff7f50"},
    {u"salmon", u"#fa8072"},
    {u"crimson", u"#dc143c"},
    {u"tomato", u"#ff6347"},
    {u"orchid", u"#da70d6"},
    {u"plum", u"#dda0dd"},
    {u"khaki", u"#f0e68c"},
    {u"tan", u"#d2b48c"},
    {u"beige", u"#f5f5dc"},
    {u"slategray", u"#708090"},
    {u"steelblue", u"#4682b4"},
}};

} // namespace

std::optional<QString> resolveColor(QStringView nameOrHex)
{
    static const QRegularExpression hex(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (hex.match(nameOrHex).hasMatch())
        return nameOrHex.toString().toLower();
    const QString lower = nameOrHex.toString().toLower();
    for (const auto& [name, value] : kNames) {
        if (name == lower)
            return value.toString();
    }
    return std::nullopt;
}

} // namespace qd
