#include "api/controllers/OpenApiController.h"

#include "api/ApiVersion.h"
#include "api/http/ApiReply.h"
#include "api/http/Router.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace qd::api {

OpenApiController::OpenApiController()
{
    QFile file(u":/qd/api/openapi.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return;
    QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    QJsonObject info = document.value(u"info"_s).toObject();
    info.insert(u"version"_s, apiVersion());
    document.insert(u"info"_s, info);
    m_document = QJsonDocument(document).toJson(QJsonDocument::Compact);
}

void OpenApiController::registerRoutes(Router& router)
{
    router.add(
        HttpMethod::Get, u"/api/v1/openapi.json"_s, [this](const ApiRequest&, ApiReply& reply) {
            reply.sendBytes(200, QByteArrayLiteral("application/json"), m_document);
        });
}

} // namespace qd::api
