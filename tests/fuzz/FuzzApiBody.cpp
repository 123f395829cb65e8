// Request bodies of every API endpoint that takes one. A leading digit picks the endpoint
// (0 POST /clusters ... 6 PUT /ui/compare, see Body), the rest is the body. The controllers
// hand a request's bytes to the pure functions of api/json/RequestBodies and act on what they
// return; this target calls the same functions with the same bytes, then runs the engine's own
// checks of an action (its type and parameters) and the serializer that echoes a cluster
// back. ApiError and the engine's typed errors are the expected answers to bad input; any
// other exception escapes to libFuzzer and counts as a crash.

#include "FuzzTarget.h"
#include "api/ApiError.h"
#include "api/json/RequestBodies.h"
#include "core/actions/ActionTypes.h"
#include "core/config/ConfigWriter.h"
#include "core/errors/Errors.h"
#include "core/stats/ClusterStats.h"

using namespace Qt::StringLiterals;

namespace {

enum class Body : std::uint8_t {
    ClusterCreate, // POST /api/v1/clusters
    ClusterUpdate, // PUT /api/v1/clusters/{name}
    ActionCreate, // POST /api/v1/actions
    ActionConfirm, // POST /api/v1/actions/{id}/confirm
    ActionCancel, // POST /api/v1/actions/{id}/cancel
    StatsCompare, // POST /api/v1/stats/compare
    UiCompare, // PUT /api/v1/ui/compare
    Count
};

const qd::ClusterConfig& currentCluster()
{
    // What a PUT replaces: a password in the endpoint URL exercises the redaction rule.
    static const qd::ClusterConfig current = [] {
        qd::ClusterConfig cluster;
        cluster.name = u"production"_s;
        cluster.endpoint = u"redis://:s3cret@127.0.0.1:6379/0"_s;
        return cluster;
    }();
    return current;
}

void dispatch(Body kind, const QByteArray& bytes)
{
    using namespace qd::api;
    // Exactly what ApiRequest::jsonObject() does with a request's body and header.
    const auto object = [&bytes](bool optional = false) {
        return requests::jsonObject(bytes, "application/json"_ba, optional);
    };
    switch (kind) {
    case Body::ClusterCreate:
    case Body::ClusterUpdate: {
        const qd::ClusterConfig cluster = requests::cluster(
            object(), kind == Body::ClusterUpdate ? &currentCluster() : nullptr);
        // Answers echo the cluster (clusterConfigToJson adds the Manager's connection state,
        // which is not linked into the fuzz build, to what the config writer gives).
        (void)qd::ConfigWriter::clusterToJson(cluster, false);
        break;
    }
    case Body::ActionCreate: {
        const requests::ActionCreate request = requests::actionCreate(object());
        if (!qd::actiontypes::isKnown(request.type))
            return;
        // Then the engine checks the parameters against each target's configuration.
        qd::actiontypes::validate(request.type, request.parameters, currentCluster());
        (void)qd::actiontypes::describe(
            request.type, request.parameters, currentCluster(), std::nullopt);
        break;
    }
    case Body::ActionConfirm:
        if (requests::actionConfirm(object()).isEmpty())
            qd::fuzz::violated("a confirmation was accepted without a name");
        break;
    case Body::ActionCancel:
        (void)requests::actionCancel(object(true));
        break;
    case Body::StatsCompare:
        if (requests::statsCompare(object()).size() < 2)
            qd::fuzz::violated("a comparison of fewer than two clusters was accepted");
        break;
    case Body::UiCompare:
        (void)requests::uiCompare(object());
        break;
    case Body::Count:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    // A digit selects the endpoint, so corpus files stay readable ("2{\"type\": ...}").
    const auto kind = static_cast<Body>(
        static_cast<std::uint8_t>(data[0] - '0') % static_cast<std::uint8_t>(Body::Count));
    try {
        dispatch(kind, qd::fuzz::bytes(data + 1, size - 1));
    } catch (const qd::api::ApiError& refused) {
        // A refusal must name what is wrong and be a client error.
        if (refused.status() != 400 || refused.message().isEmpty())
            qd::fuzz::violated("a body was refused without a 400 and a message");
        (void)refused.toJson();
    } catch (const qd::QueueDeckError&) {
        // ActionError from the action type checks; bad input must map to a 4xx, never a 500.
        const qd::api::ApiError mapped = qd::api::ApiError::fromException(std::current_exception());
        if (mapped.status() < 400 || mapped.status() >= 500)
            qd::fuzz::violated("an engine error for bad input does not map to a 4xx");
    }
    return 0;
}
