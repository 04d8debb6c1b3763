using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace LunarVoc.Api.Http;

/// <summary>
/// Every GET action also answers HEAD (uptime monitors and calendar clients use it): the same
/// status and headers, and Kestrel sends no body for a HEAD request. Other methods on a known
/// path get routing's 405 with <c>Allow</c>.
/// </summary>
internal sealed class HeadAlongsideGet : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var selector in action.Selectors)
        {
            var get = selector.ActionConstraints.OfType<HttpMethodActionConstraint>()
                .FirstOrDefault(constraint => constraint.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase));
            if (get is null || get.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            string[] methods = [.. get.HttpMethods, HttpMethods.Head];
            selector.ActionConstraints.Remove(get);
            selector.ActionConstraints.Add(new HttpMethodActionConstraint(methods));
            foreach (var metadata in selector.EndpointMetadata.OfType<HttpMethodMetadata>().ToArray())
            {
                selector.EndpointMetadata.Remove(metadata);
            }

            selector.EndpointMetadata.Add(new HttpMethodMetadata(methods));
        }
    }
}
