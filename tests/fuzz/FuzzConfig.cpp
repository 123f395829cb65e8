// The config loader: any bytes as the text of a config file, read and validated as
// ConfigFile::load does. A file that loads must also load again after ConfigWriter saved it,
// because QueueDeck rewrites the file whenever a cluster is edited.

#include "FuzzTarget.h"
#include "core/config/ConfigReader.h"
#include "core/config/ConfigWriter.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const qd::ConfigReadResult result = qd::ConfigReader::read(qd::fuzz::bytes(data, size));
    if (!result.ok())
        return 0;
    const QByteArray saved = QJsonDocument(qd::ConfigWriter::toJson(result.config)).toJson();
    const qd::ConfigReadResult again = qd::ConfigReader::read(saved);
    if (!again.ok())
        qd::fuzz::violated("a config that loaded does not load after ConfigWriter wrote it");
    if (again.config.clusters.size() != result.config.clusters.size())
        qd::fuzz::violated("ConfigWriter lost or added clusters");
    return 0;
}
