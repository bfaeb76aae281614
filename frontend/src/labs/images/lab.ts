// The images lab: a small CNN learning scikit-learn's handwritten digits (or Fashion-MNIST
// where the server has it: datasets.ts). Its page shows
// the data and the probe image (its probabilities and saliency) left, the network's
// filters and the probe's feature maps centre (a map's cell opens the step-through of its
// convolution), and the confusion matrix, the mistakes and the shell's metrics and curves
// right.

import "../../shell/views/labColumns.css";
import "./images.css";

import { build } from "../../protocol/client";
import { LAB_PRESETS } from "../../protocol/constants";
import type { ImagesConfigChanges } from "../../protocol/messages";
import type { Lab, LabPage, LabViews, Session, Variants } from "../../shell/lab";
import { h, setText } from "../../shell/views/dom";
import { ACTIVATIONS } from "../points/settings";
import { convSides, pickOfCell } from "./convStep";
import { classNames, DIGITS_ONLY, fetchDatasets, fetchUpload, UPLOAD_PREFIX, type Datasets, type Upload } from "./datasets";
import { readImages, readImagesFrame, type ImageSets, type ImagesFrame } from "./frame";
import { LESSONS } from "./lessons";
import { COMPARABLE, FIELDS, IMAGES_SECTIONS, IMAGES_SETTINGS, imagesPart } from "./settings";
import { ConfusionView } from "./views/confusion";
import { ConvPanel } from "./views/convPanel";
import { DatasetChoice } from "./views/datasetChoice";
import { FilterGrid } from "./views/filters";
import { LayerList } from "./views/layerList";
import { FeatureMaps } from "./views/maps";
import { DrawPad } from "./views/drawPad";
import { ProbeView } from "./views/probe";
import { UploadControl } from "./views/upload";


function column(id: string, title: string, ...children: HTMLElement[]): HTMLElement {
  return h("section", { class: "column", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

function mount(page: LabPage): LabViews<ImagesFrame, ImageSets> {
  const { hidden, send } = page;
  const setLab = (changes: Omit<ImagesConfigChanges, "lab">): void => void send(build.set({ lab: { lab: "images", ...changes } }));
  let probe = 0;
  let pooled = true;
  let datasets: Datasets = DIGITS_ONLY;
  const uploads = new Map<string, Upload>(); // the uploaded sets this page knows, by name
  const asked = new Set<string>(); // the uploaded sets whose classes were asked for

  const probeBox = h("div", { class: "probe" });
  const layers = h("div", { class: "layer-lists" });
  const filtersBox = hidden.has("filters") ? null : h("div", { id: "filters", "data-section": "filters" });
  const mapsBox = hidden.has("maps") ? null : h("div", { id: "feature-maps", "data-section": "maps" });
  const mistakesBox = hidden.has("mistakes") ? null : h("div", { id: "mistakes", "data-section": "mistakes" });
  const convOpen = h("div", { class: "conv-open" });
  const convBox = h("div", { class: "conv-box" });
  const busy = h("p", { class: "busy", id: "busy", role: "status", hidden: true }, "Compiling the new network…");
  page.root.classList.add("images", "lab-columns");
  const dataBox = h("div", { class: "dataset-choice" });
  const dataColumn = column("images-data-title", "Digits", dataBox, h("div", { class: "panel-body", "data-panel": "images-data" }), h("h2", { class: "sub" }, "Probe"), probeBox, h("div", { class: "panel-body", "data-panel": "probe" }));
  const dataTitle = dataColumn.querySelector("h2")!;
  page.root.append(
    dataColumn,
    column(
      "cnn-title",
      "Network",
      layers,
      h("div", { class: "panel-body", "data-panel": "convolutions" }),
      busy,
      ...(filtersBox === null ? [] : [h("h2", { class: "sub" }, "Filters and their gradients"), filtersBox]),
      ...(mapsBox === null ? [] : [h("h2", { class: "sub" }, "Feature maps of the probe"), h("p", { class: "map-legend" }, "Click a cell of a map to step through its convolution"), convOpen, convBox, mapsBox]),
    ),
    column("test-title", "Test", page.metrics, ...(mistakesBox === null ? [] : [mistakesBox]), ...(page.curves === null ? [] : [page.curves])),
  );

  const filterList = new LayerList(layers, "Filters", { ...FIELDS.filters.items, minItems: FIELDS.filters.minItems, maxItems: FIELDS.filters.maxItems }, (filters) => setLab({ filters: filters as ImagesConfigChanges["filters"] }));
  const denseList = new LayerList(layers, "Dense", { ...FIELDS.dense.items, minItems: FIELDS.dense.minItems, maxItems: FIELDS.dense.maxItems }, (dense) => setLab({ dense: dense as ImagesConfigChanges["dense"] }));
  const probeView = new ProbeView(probeBox, (delta) => setLab({ probe: Math.max(0, probe + delta) }));
  // The pad draws 8 x 8 digits, the data's own size: for Fashion-MNIST (28 x 28 garments,
  // which a few strokes would not resemble) it is hidden and the server refuses drawings.
  const pad = new DrawPad(probeBox, 8, (pixels) => void send(build.drawProbe(pixels)));
  const choice = new DatasetChoice(dataBox, (dataset) => setLab({ dataset }));
  new UploadControl(dataBox, (upload) => {
    uploads.set(upload.dataset, upload);
    setLab({ dataset: upload.dataset });
  });
  void fetchDatasets().then((answer) => {
    datasets = answer ?? { ...DIGITS_ONLY, fashionHow: "The server did not say whether Fashion-MNIST is installed." };
  });
  const filters = filtersBox === null ? null : new FilterGrid(filtersBox);
  const convPanel = new ConvPanel(convBox, send);
  convOpen.append(convPanel.toggle);
  const maps = mapsBox === null ? null : new FeatureMaps(mapsBox, (layer, filter, row, column) => convPanel.open(pickOfCell(layer, filter, row, column, pooled)));
  const confusion = mistakesBox === null ? null : new ConfusionView(mistakesBox);

  return {
    subscription: (statistics) => build.subscribe(10, 0, filters !== null || statistics),
    render({ config, frame, data, revision, playing }, _view, compiling) {
      busy.hidden = !compiling;
      if (config === null) return;
      const part = imagesPart(config);
      probe = part.probe;
      pooled = part.pooling !== "none";
      const fashion = part.dataset === "fashion";
      const uploaded = part.dataset.startsWith(UPLOAD_PREFIX);
      if (uploaded && !uploads.has(part.dataset) && !asked.has(part.dataset)) {
        asked.add(part.dataset); // a page opened on a session of an uploaded set
        void fetchUpload(part.dataset).then((upload) => upload !== null && uploads.set(upload.dataset, upload));
      }
      choice.render(datasets, part.dataset, uploads);
      setText(dataTitle, fashion ? "Fashion-MNIST" : uploaded ? "Your images" : "Digits");
      // Classes named by words (garments, the user's folders) need wider labels.
      page.root.classList.toggle("named", fashion || uploaded);
      pad.root.hidden = part.dataset !== "digits";
      const names = classNames(part.dataset, datasets, uploads);
      filterList.render(part.filters);
      denseList.render(part.dense);
      if (frame === null) return;
      // Cheap while closed, so that opening it can ask at once.
      const sides = convSides(frame.side ?? 8, part.filters.length, part.kernel, part.stride, part.padding, part.pooling);
      convPanel.render({ layers: part.filters.map((filters, l) => ({ filters, side: sides[l] ?? 1 })), step: frame.header.step, revision: frame.header.revision, playing, current: frame.header.revision >= revision });
      probeView.render(frame, data, part.probe, names);
      filters?.render(frame);
      maps?.render(frame);
      confusion?.render(frame, data, names);
    },
    usesPlaybackKeys: false,
    receive(message) {
      if (message.kind === "conv_explanation") convPanel.receive(message);
    },
    refused: (replyTo, message) => convPanel.refused(replyTo, message),
    reconnected: () => convPanel.reconnected(),
    startLesson: () => undefined,
  };
}

const variants: Variants<ImagesFrame, ImageSets> = {
  title: "Confusion matrices",
  subscription: build.subscribe(10, 0, true),
  mount(container) {
    const view = new ConfusionView(container);
    return { render: ({ frame, data }: Session<ImagesFrame, ImageSets>) => frame !== null && view.render(frame, data) };
  },
  start: (frame, data) => ({ data: [data.train?.labels ?? null, data.test?.labels ?? null], parameters: [frame.kernels?.values ?? null] }),
};

export const images: Lab<ImagesFrame, ImageSets> = {
  name: "images",
  preset: LAB_PRESETS.images,
  settings: IMAGES_SETTINGS,
  sections: IMAGES_SECTIONS,
  lessons: LESSONS,
  comparable: COMPARABLE,
  sessionControls: [".layer-lists", ".probe-buttons", ".draw-pad"],
  help: "Orange: negative weights and activations, blue: positive · Each filter's gradient is beside it",
  layerDetail({ config }, layer, count) {
    const part = imagesPart(config);
    if (layer === count - 1) return "Softmax";
    if (layer >= part.filters.length) return `Dense, ${ACTIVATIONS.find((a) => a.value === part.activation)?.label ?? part.activation}`;
    return `Conv ${part.kernel} x ${part.kernel}`;
  },
  readFrame: readImagesFrame,
  readData: readImages,
  mount,
  variants,
};
