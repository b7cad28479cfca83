// A consumer of the dangjian package: builds a dataset, writes and reads it,
// and checks the library's version against its headers. Prints "consumer ok:
// dangjian X" on success.
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include "dangjian/dangjian.h"

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "consumer.pb";
  dangjian::v1::Dataset dataset;
  *dataset.mutable_policy() = dangjian::DefaultPolicy();
  dangjian::v1::HostOrganization* host = dataset.add_host_organizations();
  host->set_id("h1");
  host->set_kind(dangjian::v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
  dangjian::v1::PartyOrganization* org = dataset.add_party_organizations();
  org->set_id("p1");
  org->set_formation(dangjian::v1::FORMATION_MODEL_STANDALONE);
  org->add_host_organization_ids("h1");

  if (absl::Status s = dangjian::WriteDataset(dataset, path); !s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  // A C++17 caller's std::string_view is taken as well as abseil's view.
  absl::StatusOr<dangjian::v1::Dataset> back =
      dangjian::ReadDataset(std::string_view(path));
  if (!back.ok()) {
    std::cerr << back.status() << "\n";
    return 1;
  }
  std::remove(path.c_str());
  if (back->party_organizations(0).host_organization_ids(0) != "h1") {
    std::cerr << "round trip lost data\n";
    return 1;
  }
  if (std::string(dangjian::VersionString()) != DANGJIAN_VERSION_STRING) {
    std::cerr << "library " << dangjian::VersionString() << " but headers "
              << DANGJIAN_VERSION_STRING << "\n";
    return 1;
  }
  std::cout << "consumer ok: dangjian " << dangjian::VersionString() << "\n";
  return 0;
}
