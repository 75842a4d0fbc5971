/* msc-graph: draw graph elements with Cytoscape.js (shared by the explorer and the HTML export). */
(function () {
  "use strict";

  function textColor(hex) {
    var c = (hex || "#A5ABB6").replace("#", "");
    var r = parseInt(c.substr(0, 2), 16), g = parseInt(c.substr(2, 2), 16), b = parseInt(c.substr(4, 2), 16);
    return 0.299 * r + 0.587 * g + 0.114 * b < 150 ? "#FFFFFF" : "#2A2C34";
  }

  function style() {
    return [
      { selector: "node", style: {
        "background-color": "data(color)", "border-width": 1, "border-color": "#6b7080",
        "label": "data(name)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
        "text-wrap": "ellipsis", "text-max-width": 120, "width": 26, "height": 26, "color": "#23252b"
      } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#2a2c34" } },
      { selector: "edge", style: {
        "width": 1.4, "line-color": "#a5abb6", "target-arrow-color": "#a5abb6", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "label": "data(type)", "font-size": 8, "color": "#6b7080",
        "text-rotation": "autorotate", "text-background-color": "#fcfcfd", "text-background-opacity": 0.8
      } },
      { selector: "edge[?row_link]", style: { "line-style": "dashed" } }
    ];
  }

  /* Render elements {nodes, edges} into container; onNode(data) is called on a node click. */
  function render(container, elements, onNode) {
    var cy = cytoscape({
      container: container,
      elements: { nodes: elements.nodes || [], edges: elements.edges || [] },
      style: style(),
      layout: {
        name: "cose", animate: false, randomize: true,
        nodeRepulsion: 30000, idealEdgeLength: 70, edgeElasticity: 100, gravity: 40, padding: 20
      }
    });
    if (onNode) {
      cy.on("tap", "node", function (evt) { onNode(evt.target.data()); });
    }
    return cy;
  }

  /* Add elements {nodes, edges} that cy does not hold yet around the node anchorId, lay the
     graph out again from where it is, and return how many nodes were added. */
  function add(cy, elements, anchorId) {
    var anchor = cy.getElementById(anchorId);
    var centre = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
    var fresh = (elements.nodes || []).filter(function (n) { return cy.getElementById(n.data.id).empty(); });
    fresh.forEach(function (n, i) {
      var angle = 2 * Math.PI * i / Math.max(1, fresh.length);
      n.position = { x: centre.x + 140 * Math.cos(angle), y: centre.y + 140 * Math.sin(angle) };
    });
    cy.add(fresh);
    cy.add((elements.edges || []).filter(function (e) { return cy.getElementById(e.data.id).empty(); }));
    cy.layout({
      name: "cose", animate: false, randomize: false,
      nodeRepulsion: 30000, idealEdgeLength: 70, edgeElasticity: 100, gravity: 40, padding: 20
    }).run();
    return fresh.length;
  }

  function legend(container, colors, labelsShown) {
    container.innerHTML = "";
    labelsShown.forEach(function (lab) {
      var span = document.createElement("span");
      span.className = "chip";
      span.textContent = lab;
      span.style.background = colors[lab] || "#A5ABB6";
      span.style.color = textColor(colors[lab]);
      container.appendChild(span);
    });
  }

  window.MscGraph = { render: render, add: add, legend: legend, textColor: textColor };
})();
