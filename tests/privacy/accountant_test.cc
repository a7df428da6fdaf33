#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "engine/privacy/privacy_accountant.h"

namespace nethical::privacy {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<PrivacyAccountant> Make(double budget, CompositionRule rule, double delta_budget = 1e-3) {
  AccountantOptions options;
  options.epsilon_budget = budget;
  options.delta_budget = delta_budget;
  options.rule = rule;
  auto made = PrivacyAccountant::Create(options);
  EXPECT_TRUE(made.ok()) << made.status().message();
  return std::move(made.value());
}

TEST(AdvancedComposition, MatchesAHandComputedValue) {
  // k = 100, eps = 0.1, d' = 1e-5:
  // sqrt(2 * 100 * ln(1e5)) * 0.1 = sqrt(2302.585093) * 0.1 = 4.798526
  // 100 * 0.1 * (e^0.1 - 1)       = 10 * 0.105170918       = 1.051709
  EXPECT_NEAR(AdvancedCompositionEpsilon(0.1, 100, 1e-5), 5.850235, 1e-5);
}

TEST(Accountant, RefusesAQueryBeyondTheBudget) {
  auto accountant = Make(1.0, CompositionRule::kBasic);
  EXPECT_TRUE(accountant->Charge(0.6, 0.0).ok());
  Status refused = accountant->Charge(0.5, 0.0);
  EXPECT_EQ(refused.code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.message(), HasSubstr("privacy budget exhausted"));
  EXPECT_THAT(refused.message(), HasSubstr("spent epsilon=0.6 of 1"));
}

TEST(Accountant, RecordsNothingForARefusedQuery) {
  auto accountant = Make(1.0, CompositionRule::kBasic);
  ASSERT_TRUE(accountant->Charge(0.6, 0.0).ok());
  ASSERT_FALSE(accountant->Charge(0.5, 0.0).ok());
  EXPECT_DOUBLE_EQ(accountant->Spent().epsilon, 0.6);
  EXPECT_EQ(accountant->Spent().queries, 1);
  EXPECT_TRUE(accountant->Charge(0.4, 0.0).ok());
}

TEST(Accountant, SpendsTheWholeBudgetInEqualParts) {
  auto accountant = Make(1.0, CompositionRule::kBasic);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(accountant->Charge(0.1, 0.0).ok()) << i;
  EXPECT_EQ(accountant->Charge(0.1, 0.0).code(), StatusCode::kResourceExhausted);
  EXPECT_NEAR(accountant->RemainingEpsilon(), 0.0, 1e-12);
}

TEST(Accountant, AllowsMoreThanTwoQueriesUnlikeTheOriginal) {
  // The original charged epsilon/2 per call and refused the third query.
  auto accountant = Make(1.0, CompositionRule::kBasic);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(accountant->Charge(0.2, 0.0).ok());
}

TEST(Accountant, AdvancedCompositionAdmitsMoreSmallQueriesThanBasic) {
  auto basic = Make(6.0, CompositionRule::kBasic);
  auto advanced = Make(6.0, CompositionRule::kAdvanced);
  int basic_admitted = 0, advanced_admitted = 0;
  while (basic->Charge(0.1, 0.0).ok()) ++basic_admitted;
  while (advanced->Charge(0.1, 0.0).ok() && advanced_admitted < 1000) ++advanced_admitted;
  EXPECT_EQ(basic_admitted, 60);
  // With the default d' = 1e-6, 91 queries of 0.1 cost 5.9715 and 92 cost
  // 6.0095 (sqrt(2 k ln 1e6) * 0.1 + k * 0.1 * (e^0.1 - 1)).
  EXPECT_EQ(advanced_admitted, 91);
  EXPECT_LE(advanced->Spent().epsilon, 6.0);
}

TEST(Accountant, AdvancedSpendMatchesTheTheoremAfterManyQueries) {
  AccountantOptions options;
  options.epsilon_budget = 100.0;
  options.advanced_delta = 1e-5;
  auto made = PrivacyAccountant::Create(options);
  ASSERT_TRUE(made.ok());
  for (int i = 0; i < 100; ++i) ASSERT_TRUE((*made)->Charge(0.1, 0.0).ok());
  EXPECT_NEAR((*made)->Spent().epsilon, 5.850235, 1e-5);
  EXPECT_DOUBLE_EQ((*made)->Spent().delta, 1e-5);
}

TEST(Accountant, UsesBasicCompositionWhenTheDeltaBudgetCannotPayForAdvanced) {
  auto accountant = Make(100.0, CompositionRule::kAdvanced, /*delta_budget=*/0.0);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(accountant->Charge(0.1, 0.0).ok());
  EXPECT_NEAR(accountant->Spent().epsilon, 10.0, 1e-9);
  EXPECT_EQ(accountant->Spent().delta, 0.0);
}

TEST(Accountant, RefusesDeltaBeyondTheDeltaBudget) {
  auto accountant = Make(10.0, CompositionRule::kBasic, 1e-5);
  EXPECT_TRUE(accountant->Charge(0.1, 1e-5).ok());
  EXPECT_EQ(accountant->Charge(0.1, 1e-5).code(), StatusCode::kResourceExhausted);
}

TEST(Accountant, RejectsNonPositiveEpsilonCharge) {
  auto accountant = Make(1.0, CompositionRule::kBasic);
  EXPECT_EQ(accountant->Charge(0.0, 0.0).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(accountant->Charge(-1.0, 0.0).code(), StatusCode::kInvalidArgument);
}

TEST(Accountant, ConcurrentChargesNeverOverspend) {
  auto accountant = Make(1.0, CompositionRule::kBasic);
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (accountant->Charge(0.01, 0.0).ok()) admitted.fetch_add(1);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 100);
  EXPECT_LE(accountant->Spent().epsilon, 1.0 + 1e-9);
}

}  // namespace
}  // namespace nethical::privacy
