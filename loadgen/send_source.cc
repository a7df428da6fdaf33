#include "loadgen/send_source.h"

namespace nethical::loadgen {

std::unique_ptr<SendSource> MakeSendSource(const RateProfile& profile, uint32_t agents,
                                           const ArrivalOptions& options) {
  if (!options.poisson && options.stagger_ns == 0 && options.extra.empty())
    return std::make_unique<EvenSendSource>(profile, agents);
  return std::make_unique<SequencedSendSource>(profile, agents, options);
}

}  // namespace nethical::loadgen
